package dev.mailvault.server.web;

import java.time.Instant;
import java.util.Optional;

/**
 * A logged-in browser (ADR 0259): who (an admin's name or an alias's address), which part of the
 * site, its CSRF token, and what it holds unlocked (an alias's keys), closed when the session ends.
 */
public final class WebSession {

  /** Which part of the site a session is for; each has its own cookie. */
  public enum Kind {
    ADMIN("__Host-mv-admin"),
    ACCOUNT("__Host-mv-account"),
    /** An alias owner past the password, before the two-factor code (My account, ADR 0267). */
    ACCOUNT_TOTP("__Host-mv-account-totp");

    private final String cookie;

    Kind(String cookie) {
      this.cookie = cookie;
    }

    public String cookieName() {
      return cookie;
    }
  }

  private final String id;
  private final Kind kind;
  private final String principal;
  private final String csrfToken;
  private final Instant created;
  private final AutoCloseable held;
  private volatile Instant lastSeen;

  WebSession(
      String id,
      Kind kind,
      String principal,
      String csrfToken,
      Instant created,
      AutoCloseable held) {
    this.id = id;
    this.kind = kind;
    this.principal = principal;
    this.csrfToken = csrfToken;
    this.created = created;
    this.held = held;
    this.lastSeen = created;
  }

  String id() {
    return id;
  }

  public Kind kind() {
    return kind;
  }

  /** The admin's name or the alias's address. */
  public String principal() {
    return principal;
  }

  /** The token every form of this session carries in {@code _csrf}. */
  public String csrfToken() {
    return csrfToken;
  }

  public Instant created() {
    return created;
  }

  public Instant lastSeen() {
    return lastSeen;
  }

  void touch(Instant now) {
    lastSeen = now;
  }

  /** What the session holds open (e.g. an unlocked alias), if anything. */
  public <T> Optional<T> held(Class<T> type) {
    return type.isInstance(held) ? Optional.of(type.cast(held)) : Optional.empty();
  }

  void close() {
    if (held != null) {
      try {
        held.close();
      } catch (Exception e) {
        // Closing destroys keys in memory; nothing to report to anyone.
      }
    }
  }
}
