package dev.mailvault.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.core.testing.ManualClock;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class WebSessionsTest {

  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final WebSessions sessions =
      new WebSessions(clock, Duration.ofMinutes(15), Duration.ofHours(8), 3);

  @Test
  void aSessionIsFoundByItsCookieAndEndsWhenIdle() throws Exception {
    AtomicBoolean closed = new AtomicBoolean();
    WebSession s = sessions.start(WebSession.Kind.ACCOUNT, "a@example.com", () -> closed.set(true));
    String cookie = sessions.cookie(s);
    assertThat(cookie)
        .startsWith("__Host-mv-account=")
        .contains("; Secure")
        .contains("; HttpOnly")
        .contains("SameSite=Strict")
        .contains("Path=/");
    WebRequest request = request(cookie.split(";")[0], null, null);
    assertThat(sessions.find(request, WebSession.Kind.ACCOUNT)).contains(s);
    assertThat(sessions.find(request, WebSession.Kind.ADMIN)).isEmpty();
    clock.advance(Duration.ofMinutes(14));
    assertThat(sessions.find(request, WebSession.Kind.ACCOUNT)).contains(s);
    clock.advance(Duration.ofMinutes(15));
    assertThat(sessions.find(request, WebSession.Kind.ACCOUNT)).isEmpty();
    assertThat(closed).isTrue();
  }

  @Test
  void aSessionEndsAtItsLifetimeEvenWhenUsed() throws Exception {
    WebSession s = sessions.start(WebSession.Kind.ADMIN, "root", null);
    WebRequest request = request(sessions.cookie(s).split(";")[0], null, null);
    for (int i = 0; i < 47; i++) {
      clock.advance(Duration.ofMinutes(10));
      assertThat(sessions.find(request, WebSession.Kind.ADMIN)).isPresent();
    }
    clock.advance(Duration.ofMinutes(10));
    assertThat(sessions.find(request, WebSession.Kind.ADMIN)).isEmpty();
  }

  @Test
  void sweepingClosesWhatExpiredSessionsHold() throws Exception {
    AtomicBoolean closed = new AtomicBoolean();
    sessions.start(WebSession.Kind.ACCOUNT, "a@example.com", () -> closed.set(true));
    clock.advance(Duration.ofMinutes(16));
    assertThat(sessions.sweep()).isEqualTo(1);
    assertThat(closed).isTrue();
    assertThat(sessions.size()).isZero();
  }

  @Test
  void tooManySessionsAreRefusedAndTheKeysOfTheRefusedOneClosed() throws Exception {
    for (int i = 0; i < 3; i++) {
      sessions.start(WebSession.Kind.ADMIN, "admin" + i, null);
    }
    AtomicBoolean closed = new AtomicBoolean();
    assertThatThrownBy(() -> sessions.start(WebSession.Kind.ADMIN, "x", () -> closed.set(true)))
        .isInstanceOf(WebException.class)
        .extracting(e -> ((WebException) e).status())
        .isEqualTo(503);
    assertThat(closed).isTrue();
  }

  @Test
  void csrfNeedsTheSessionsTokenAndThisOrigin() throws Exception {
    WebSession s = sessions.start(WebSession.Kind.ADMIN, "root", null);
    WebSessions.requireCsrf(request(null, "_csrf=" + s.csrfToken(), null), s);
    WebSessions.requireCsrf(request(null, "_csrf=" + s.csrfToken(), "https://mail.test"), s);
    assertThatThrownBy(() -> WebSessions.requireCsrf(request(null, "_csrf=nope", null), s))
        .isInstanceOf(WebException.class)
        .hasMessageContaining("expired");
    assertThatThrownBy(() -> WebSessions.requireCsrf(request(null, "", null), s))
        .isInstanceOf(WebException.class);
    assertThatThrownBy(
            () ->
                WebSessions.requireCsrf(
                    request(null, "_csrf=" + s.csrfToken(), "https://evil.test"), s))
        .isInstanceOf(WebException.class);
  }

  private static WebRequest request(String cookie, String form, String origin) throws Exception {
    HttpHeaders headers = new DefaultHttpHeaders();
    headers.set("Host", "mail.test");
    if (cookie != null) {
      headers.set("Cookie", cookie);
    }
    if (origin != null) {
      headers.set("Origin", origin);
    }
    byte[] body = new byte[0];
    if (form != null) {
      headers.set("Content-Type", "application/x-www-form-urlencoded");
      body = form.getBytes(StandardCharsets.UTF_8);
    }
    return WebRequest.of("POST", "/x", headers, body, InetAddress.getLoopbackAddress(), true);
  }
}
