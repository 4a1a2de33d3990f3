package dev.mailvault.imap.session;

import java.time.Duration;

/**
 * The configurable limits of the IMAP front-end (issue 3, DESIGN §7).
 *
 * @param maxLineLength the longest command line, literals excluded (default 64 KiB)
 * @param appendLimit the largest literal and message, advertised as APPENDLIMIT (default 50 MiB)
 * @param idleLogout inactivity after which the server says BYE (RFC 9051 §5.4: at least 30 min)
 * @param idleKeepAlive how often an IDLE-ing client hears {@code * OK Still here}
 * @param maxIdle how long one IDLE command may last before the server ends it
 * @param connectionsPerIp simultaneous connections one address may hold
 * @param allowPlaintextAuth whether LOGIN/AUTHENTICATE PLAIN are allowed without TLS from addresses
 *     other than loopback
 * @param readerStall how long a long answer (FETCH) waits for a client that reads none of its
 *     backlog before the connection is dropped (ADR 0235)
 */
public record ImapLimits(
    int maxLineLength,
    long appendLimit,
    Duration idleLogout,
    Duration idleKeepAlive,
    Duration maxIdle,
    int connectionsPerIp,
    boolean allowPlaintextAuth,
    Duration readerStall) {

  /** A minute: a client on a bad link reads something in that time (ADR 0235). */
  public static final Duration READER_STALL = Duration.ofMinutes(1);

  public static final ImapLimits DEFAULTS =
      new ImapLimits(
          64 * 1024,
          50L * 1024 * 1024,
          Duration.ofMinutes(30),
          Duration.ofMinutes(2),
          Duration.ofMinutes(29),
          50,
          false);

  public ImapLimits {
    if (readerStall.isNegative() || readerStall.isZero()) {
      throw new IllegalArgumentException("the reader stall must be positive");
    }
  }

  /** With the default {@link #READER_STALL}. */
  public ImapLimits(
      int maxLineLength,
      long appendLimit,
      Duration idleLogout,
      Duration idleKeepAlive,
      Duration maxIdle,
      int connectionsPerIp,
      boolean allowPlaintextAuth) {
    this(
        maxLineLength,
        appendLimit,
        idleLogout,
        idleKeepAlive,
        maxIdle,
        connectionsPerIp,
        allowPlaintextAuth,
        READER_STALL);
  }

  public ImapLimits withAllowPlaintextAuth(boolean allow) {
    return new ImapLimits(
        maxLineLength,
        appendLimit,
        idleLogout,
        idleKeepAlive,
        maxIdle,
        connectionsPerIp,
        allow,
        readerStall);
  }

  public ImapLimits withIdle(Duration logout, Duration keepAlive, Duration max) {
    return new ImapLimits(
        maxLineLength,
        appendLimit,
        logout,
        keepAlive,
        max,
        connectionsPerIp,
        allowPlaintextAuth,
        readerStall);
  }

  public ImapLimits withReaderStall(Duration stall) {
    return new ImapLimits(
        maxLineLength,
        appendLimit,
        idleLogout,
        idleKeepAlive,
        maxIdle,
        connectionsPerIp,
        allowPlaintextAuth,
        stall);
  }
}
