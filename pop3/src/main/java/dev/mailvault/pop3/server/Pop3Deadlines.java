package dev.mailvault.pop3.server;

import dev.mailvault.core.net.ReadPace;
import java.time.Duration;

/**
 * How long and how slowly a POP3 client may take, and how many may connect at once (ADRs 0175,
 * 0176, as for IMAP).
 *
 * @param login from connecting to being logged in; then {@code -ERR} and close
 * @param commandPace the least average rate of a line still being sent, after its grace period
 * @param maxConnections connections both listeners hold at once; more get {@code -ERR [SYS/TEMP]}
 */
public record Pop3Deadlines(Duration login, ReadPace.Policy commandPace, int maxConnections) {

  /** One minute to log in; 1 KiB/s after 30 s for a line; 2000 connections. */
  public static final Pop3Deadlines DEFAULTS =
      new Pop3Deadlines(
          Duration.ofSeconds(60), new ReadPace.Policy(1024, Duration.ofSeconds(30)), 2000);

  public Pop3Deadlines {
    if (login.isNegative() || login.isZero() || maxConnections < 1) {
      throw new IllegalArgumentException("a login deadline and a connection ceiling must be set");
    }
  }
}
