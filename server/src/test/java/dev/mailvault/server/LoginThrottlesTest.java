package dev.mailvault.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.auth.LoginThrottle;
import dev.mailvault.core.net.ClientNetwork;
import dev.mailvault.core.testing.ManualClock;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.jdbc.SqliteDirectory;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.config.Settings;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which throttle a node gets (ADR 0282): two nodes over one directory file stand for two front-ends
 * over one shared directory; only a front-end's throttle sees the other's failures.
 */
class LoginThrottlesTest {

  private static final String LOGIN = "someone@example.com";

  @TempDir Path data;
  private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));

  private Settings settings(String role, String directoryUrl) throws Exception {
    Map<Setting, String> values = new HashMap<>();
    values.put(Setting.DATA, data.toString());
    values.put(Setting.ROLE, role);
    values.put(Setting.DIRECTORY_URL, directoryUrl);
    values.put(Setting.LOGIN_FAILURES_PER_NETWORK, "2");
    return Settings.resolve(values, Map.of(), null);
  }

  /** Whether two nodes with these settings over one directory share a guesser's block. */
  private boolean blockSeenByTheOtherNode(Settings settings) throws Exception {
    ClientNetwork guesser = ClientNetwork.of(InetAddress.getByName("203.0.113.8"));
    try (Directory one = SqliteDirectory.open(data, Optional.empty());
        Directory two = SqliteDirectory.open(data, Optional.empty())) {
      LoginThrottle first = LoginThrottles.create(settings, one, clock);
      LoginThrottle second = LoginThrottles.create(settings, two, clock);
      first.failed(LOGIN, guesser);
      first.failed(LOGIN, guesser);
      assertThat(first.admit(LOGIN, guesser).blocked()).isTrue();
      return second.admit(LOGIN, guesser).blocked();
    }
  }

  @Test
  void theSingleProcessKeepsItsCountsInMemory() throws Exception {
    assertThat(blockSeenByTheOtherNode(settings("all", ""))).isFalse();
  }

  @Test
  void aFrontEndSharesItsCountsThroughTheDirectory() throws Exception {
    assertThat(blockSeenByTheOtherNode(settings("frontend", ""))).isTrue();
  }

  @Test
  void aSharedDirectoryUrlSharesTheCountsWhateverTheRole() throws Exception {
    assertThat(LoginThrottles.shared(settings("all", "postgresql://db.example/mailvault")))
        .isTrue();
    assertThat(LoginThrottles.shared(settings("primary", ""))).isFalse();
  }
}
