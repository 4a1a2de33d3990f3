package dev.mailvault.server.web.console;

import dev.mailvault.server.web.WebException;
import dev.mailvault.server.web.WebRequest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Console logins half done (ADR 0263): the password was right, the second factor is still to come.
 * Such a login is not a session: it lives in its own cookie, opens no page but its own step, ends
 * after {@link #LIFETIME} or {@link #MAX_FAILURES} wrong codes, and holds the secret of an
 * enrolment not yet confirmed (wiped when it ends). In memory only, like sessions.
 */
final class PendingLogins {

  /** The second step's cookie; {@code __Host-} as the sessions' are. */
  static final String COOKIE = "__Host-mv-admin-login";

  /** How long a person has to type a code after the password. */
  static final Duration LIFETIME = Duration.ofMinutes(5);

  /** Wrong codes before the password must be typed again. */
  static final int MAX_FAILURES = 5;

  /** Half-done logins held at most; each took a right password, so this is generous. */
  private static final int MAX_PENDING = 1_000;

  private static final SecureRandom RANDOM = new SecureRandom();

  /** Which second step a login is at. */
  enum Stage {
    /** No second factor yet: show a new secret and confirm it with a code. */
    ENROLL,
    /** Enrolled: ask for a code or a recovery code. */
    VERIFY
  }

  /** One half-done login. */
  static final class Pending {
    final String id;
    final String admin;
    final Stage stage;
    final String csrf;
    final Instant expires;
    private final byte[] secret;
    private int failures;

    private Pending(String admin, Stage stage, byte[] secret, Instant expires) {
      this.id = token();
      this.admin = admin;
      this.stage = stage;
      this.csrf = token();
      this.secret = secret;
      this.expires = expires;
    }

    /** The secret being enrolled (a copy; zero it); empty at the verify stage. */
    byte[] secret() {
      return secret.clone();
    }
  }

  private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();
  private final Clock clock;

  PendingLogins(Clock clock) {
    this.clock = clock;
  }

  /**
   * Starts the second step for {@code admin}.
   *
   * @param secret the secret to enrol (ENROLL), or an empty array (VERIFY); taken over
   * @throws WebException 503 when too many logins are half done
   */
  Pending start(String admin, Stage stage, byte[] secret) throws WebException {
    sweep();
    if (pending.size() >= MAX_PENDING) {
      Arrays.fill(secret, (byte) 0);
      throw new WebException(503, "too_many_logins", "too many logins at once; try again later");
    }
    Pending p = new Pending(admin, stage, secret, clock.instant().plus(LIFETIME));
    pending.put(p.id, p);
    return p;
  }

  /** The live half-done login of the request's cookie at {@code stage}; empty if none. */
  Optional<Pending> find(WebRequest request, Stage stage) {
    Optional<String> id = request.cookie(COOKIE);
    if (id.isEmpty()) {
      return Optional.empty();
    }
    Pending p = pending.get(id.get());
    if (p == null || p.stage != stage) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(p.expires)) {
      end(p);
      return Optional.empty();
    }
    return Optional.of(p);
  }

  /** Counts a wrong code; true when that was one too many and the login has ended. */
  boolean failed(Pending p) {
    synchronized (p) {
      p.failures++;
      if (p.failures < MAX_FAILURES) {
        return false;
      }
    }
    end(p);
    return true;
  }

  /** Ends a half-done login (done, or given up); its secret is wiped. */
  void end(Pending p) {
    if (pending.remove(p.id, p)) {
      Arrays.fill(p.secret, (byte) 0);
    }
  }

  /** The Set-Cookie value that carries a half-done login. */
  String cookie(Pending p) {
    return COOKIE
        + "="
        + p.id
        + "; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age="
        + LIFETIME.toSeconds();
  }

  static String clearCookie() {
    return COOKIE + "=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0";
  }

  private void sweep() {
    Instant now = clock.instant();
    for (Pending p : pending.values()) {
      if (!now.isBefore(p.expires)) {
        end(p);
      }
    }
  }

  static String token() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
