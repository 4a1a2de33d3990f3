package dev.mailvault.imap.server;

import dev.mailvault.core.net.ReadPace;
import java.time.Duration;

/**
 * How long and how slowly an IMAP client may take, and how many may connect at once (issue 10, ADRs
 * 0175 and 0176).
 *
 * @param login from connecting to being authenticated; then {@code * BYE} and close
 * @param commandPace the least average rate of a command still being sent, literals included, once
 *     its grace period has passed
 * @param maxConnections connections the listeners hold at once, from every address together; more
 *     get {@code * BYE} and are closed
 */
public record ImapDeadlines(Duration login, ReadPace.Policy commandPace, int maxConnections) {

  /** One minute to log in; 1 KiB/s after 30 s for a command; 2000 connections. */
  public static final ImapDeadlines DEFAULTS =
      new ImapDeadlines(
          Duration.ofSeconds(60), new ReadPace.Policy(1024, Duration.ofSeconds(30)), 2000);

  public ImapDeadlines {
    if (login.isNegative() || login.isZero() || maxConnections < 1) {
      throw new IllegalArgumentException("a login deadline and a connection ceiling must be set");
    }
  }
}
