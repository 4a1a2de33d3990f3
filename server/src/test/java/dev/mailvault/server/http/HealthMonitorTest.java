package dev.mailvault.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HealthMonitorTest {

  @Test
  void answersTheLastCheckAndFollowsChanges() {
    AtomicReference<String> state = new AtomicReference<>();
    try (HealthMonitor monitor = new HealthMonitor(state::get, Duration.ofMillis(20))) {
      assertThat(monitor.problem()).isNull();
      state.set("data directory is not writable");
      await().atMost(Duration.ofSeconds(10)).until(() -> monitor.problem() != null);
      assertThat(monitor.problem()).isEqualTo("data directory is not writable");
      state.set(null);
      await().atMost(Duration.ofSeconds(10)).until(() -> monitor.problem() == null);
    }
  }

  @Test
  void aFailingCheckIsReportedAsUnhealthy() {
    try (HealthMonitor monitor =
        new HealthMonitor(
            () -> {
              throw new IllegalStateException("boom");
            },
            Duration.ofSeconds(60))) {
      assertThat(monitor.problem()).isEqualTo("health check failed");
    }
  }
}
