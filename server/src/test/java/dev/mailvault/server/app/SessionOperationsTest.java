package dev.mailvault.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.testing.ManualClock;
import dev.mailvault.server.web.WebSession;
import dev.mailvault.server.web.WebSessions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Sessions are listed by a handle that is not their cookie and ended by it. */
class SessionOperationsTest {

  @Test
  void listAndEndByHandle() throws Exception {
    ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    try (WebSessions sessions =
        new WebSessions(clock, Duration.ofMinutes(15), Duration.ofHours(8), 10)) {
      SessionOperations ops = new SessionOperations(sessions);
      AtomicBoolean closed = new AtomicBoolean();
      WebSession a =
          sessions.start(WebSession.Kind.ACCOUNT, "a@example.test", () -> closed.set(true));
      clock.advance(Duration.ofMinutes(1));
      sessions.start(WebSession.Kind.ADMIN, "root", null);

      List<WebSessions.Listed> listed = ops.list();
      assertThat(listed)
          .extracting(WebSessions.Listed::principal)
          .containsExactly("a@example.test", "root");
      String cookie = sessions.cookie(a);
      String id = cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
      assertThat(listed).extracting(WebSessions.Listed::handle).doesNotContain(id);

      assertThat(ops.end(listed.get(0).handle())).isTrue();
      assertThat(closed).isTrue();
      assertThat(ops.end(listed.get(0).handle())).isFalse();
      assertThat(ops.list()).extracting(WebSessions.Listed::principal).containsExactly("root");

      clock.advance(Duration.ofMinutes(20));
      assertThat(ops.list()).isEmpty();
    }
  }
}
