package dev.mailvault.smtp.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.testing.ManualClock;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ErrorBudgetTest {

  @Test
  void theChargeThatSpendsTheBudgetSaysSoUntilTheWindowEnds() throws Exception {
    ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    ErrorBudget budget = new ErrorBudget(3, Duration.ofMinutes(10), clock);
    InetAddress a = InetAddress.getByName("192.0.2.1");
    InetAddress b = InetAddress.getByName("192.0.2.2");
    assertThat(budget.charge(a)).isFalse();
    assertThat(budget.charge(a)).isFalse();
    assertThat(budget.exhausted(a)).isFalse();
    assertThat(budget.charge(a)).isTrue();
    assertThat(budget.exhausted(a)).isTrue();
    assertThat(budget.exhausted(b)).isFalse();
    clock.advance(Duration.ofMinutes(10));
    assertThat(budget.exhausted(a)).isFalse();
    assertThat(budget.charge(a)).as("a new window starts at one").isFalse();
  }

  @Test
  void anIpv6Slash64SharesOneBudget() throws Exception {
    ErrorBudget budget =
        new ErrorBudget(
            2, Duration.ofMinutes(10), new ManualClock(Instant.parse("2026-01-01T00:00:00Z")));
    // A client that takes a fresh address of its /64 for each connection is still one client.
    assertThat(budget.charge(InetAddress.getByName("2001:db8:5:6::1"))).isFalse();
    assertThat(budget.charge(InetAddress.getByName("2001:db8:5:6:abcd::2"))).isTrue();
    assertThat(budget.exhausted(InetAddress.getByName("2001:db8:5:6::ffff"))).isTrue();
    assertThat(budget.exhausted(InetAddress.getByName("2001:db8:5:7::1"))).isFalse();
  }
}
