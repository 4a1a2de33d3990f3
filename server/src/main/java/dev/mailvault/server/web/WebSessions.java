package dev.mailvault.server.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Browser sessions, in memory only (ADR 0259): a random id in an HttpOnly, Secure, SameSite=Strict
 * {@code __Host-} cookie, an idle expiry and an absolute one, and a CSRF token per session. What a
 * session holds (an alias's unlocked keys) is closed when it ends: by logout, by expiry seen on
 * access, or by {@link #sweep()}, which the node runs every half minute. A restart ends them all.
 */
public final class WebSessions implements AutoCloseable {

  /** The CSRF field of every form. */
  public static final String CSRF_FIELD = "_csrf";

  /** The header a script may send the token in instead. */
  public static final String CSRF_HEADER = "X-CSRF-Token";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final ConcurrentHashMap<String, WebSession> sessions = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Duration idle;
  private final Duration lifetime;
  private final int maxSessions;

  /**
   * @param idle a session unused this long ends
   * @param lifetime a session ends this long after login, used or not
   * @param maxSessions more live sessions than this and new logins are refused
   */
  public WebSessions(Clock clock, Duration idle, Duration lifetime, int maxSessions) {
    this.clock = clock;
    this.idle = idle;
    this.lifetime = lifetime;
    this.maxSessions = maxSessions;
  }

  /**
   * Starts a session after a successful login; the caller sets {@link #cookie} on its answer.
   *
   * @param held closed when the session ends (may be null)
   * @throws WebException 503 when the node holds too many sessions already
   */
  public WebSession start(WebSession.Kind kind, String principal, AutoCloseable held)
      throws WebException {
    sweep();
    if (sessions.size() >= maxSessions) {
      if (held != null) {
        new WebSession("", kind, principal, "", clock.instant(), held).close();
      }
      throw new WebException(503, "too_many_sessions", "too many sessions; try again later");
    }
    WebSession session = new WebSession(token(), kind, principal, token(), clock.instant(), held);
    sessions.put(session.id(), session);
    return session;
  }

  /** The live session of this kind the request's cookie names, touched; empty if none. */
  public Optional<WebSession> find(WebRequest request, WebSession.Kind kind) {
    Optional<String> id = request.cookie(kind.cookieName());
    if (id.isEmpty()) {
      return Optional.empty();
    }
    WebSession session = sessions.get(id.get());
    if (session == null || session.kind() != kind) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (expired(session, now)) {
      end(session);
      return Optional.empty();
    }
    session.touch(now);
    return Optional.of(session);
  }

  /**
   * Checks a state-changing request's CSRF token (the form's {@code _csrf} or the {@code
   * X-CSRF-Token} header) against its session's, in constant time, and that a browser's {@code
   * Origin}, when sent, is this host.
   *
   * @throws WebException 403 {@code csrf} when either check fails
   */
  public static void requireCsrf(WebRequest request, WebSession session) throws WebException {
    requireCsrf(request, session.csrfToken());
  }

  /**
   * {@link #requireCsrf(WebRequest, WebSession)} against a token that is not a session's: the login
   * forms, which come before there is a session (their token is in a cookie of their own).
   */
  public static void requireCsrf(WebRequest request, String expected) throws WebException {
    String sent = request.form(CSRF_FIELD).or(() -> request.header(CSRF_HEADER)).orElse("");
    boolean tokenOk =
        !expected.isEmpty()
            && MessageDigest.isEqual(
                sent.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    if (!tokenOk || !sameOrigin(request)) {
      throw new WebException(
          403, "csrf", "this form has expired or did not come from this site; reload the page");
    }
  }

  private static boolean sameOrigin(WebRequest request) {
    Optional<String> origin = request.header("Origin");
    if (origin.isEmpty() || "null".equals(origin.get())) {
      // No Origin: an older browser or a same-origin GET-turned-POST; the token decides.
      return origin.isEmpty();
    }
    Optional<String> host = request.header("Host");
    String o = origin.get();
    int scheme = o.indexOf("://");
    return host.isPresent() && scheme > 0 && o.substring(scheme + 3).equalsIgnoreCase(host.get());
  }

  /** Ends a session (logout): what it held is closed. */
  public void end(WebSession session) {
    if (sessions.remove(session.id(), session)) {
      session.close();
    }
  }

  /** Ends every session of one principal (e.g. after its password changed elsewhere). */
  public void endAll(WebSession.Kind kind, String principal) {
    for (WebSession s : new ArrayList<>(sessions.values())) {
      if (s.kind() == kind && s.principal().equals(principal)) {
        end(s);
      }
    }
  }

  /** Ends every session of one principal but {@code keep} (e.g. after it changed the password). */
  public void endOthers(WebSession.Kind kind, String principal, WebSession keep) {
    for (WebSession s : new ArrayList<>(sessions.values())) {
      if (s != keep && s.kind() == kind && s.principal().equals(principal)) {
        end(s);
      }
    }
  }

  /**
   * The live sessions, each named by a handle that is not its cookie: the SHA-256 of the id,
   * base64url. An admin can see and end a session without learning anything that opens it.
   */
  public List<Listed> list() {
    Instant now = clock.instant();
    List<Listed> listed = new ArrayList<>();
    for (WebSession s : sessions.values()) {
      if (!expired(s, now)) {
        listed.add(new Listed(handle(s), s.kind(), s.principal(), s.created(), s.lastSeen()));
      }
    }
    listed.sort(java.util.Comparator.comparing(Listed::created));
    return listed;
  }

  /** Ends the session with this {@link #list()} handle; false when there is none. */
  public boolean endByHandle(String handle) {
    byte[] wanted = handle.getBytes(StandardCharsets.UTF_8);
    for (WebSession s : new ArrayList<>(sessions.values())) {
      if (MessageDigest.isEqual(handle(s).getBytes(StandardCharsets.UTF_8), wanted)) {
        end(s);
        return true;
      }
    }
    return false;
  }

  /** A session as {@link #list()} shows it. */
  public record Listed(
      String handle, WebSession.Kind kind, String principal, Instant created, Instant lastSeen) {}

  private static String handle(WebSession s) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(s.id().getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Ends the expired sessions; returns how many. */
  public int sweep() {
    Instant now = clock.instant();
    List<WebSession> expired = new ArrayList<>();
    for (WebSession s : sessions.values()) {
      if (expired(s, now)) {
        expired.add(s);
      }
    }
    expired.forEach(this::end);
    return expired.size();
  }

  /** How many sessions are live (expired ones not yet swept included). */
  public int size() {
    return sessions.size();
  }

  /** The Set-Cookie value that carries a session to the browser (RFC 6265bis {@code __Host-}). */
  public String cookie(WebSession session) {
    return session.kind().cookieName()
        + "="
        + session.id()
        + "; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age="
        + lifetime.toSeconds();
  }

  /** The Set-Cookie value that removes a session's cookie. */
  public static String clearCookie(WebSession.Kind kind) {
    return kind.cookieName() + "=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0";
  }

  private boolean expired(WebSession s, Instant now) {
    return !now.isBefore(s.lastSeen().plus(idle)) || !now.isBefore(s.created().plus(lifetime));
  }

  private static String token() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  @Override
  public void close() {
    for (WebSession s : new ArrayList<>(sessions.values())) {
      end(s);
    }
  }
}
