package dev.mailvault.protocol.net;

import dev.mailvault.core.net.ReadPace;
import java.time.Duration;

/**
 * How long and how slowly a client of a protocol with logins (IMAP, POP3) may take, and how many
 * may connect at once (ADRs 0175, 0176). {@link ConnectionDeadlines} runs the clocks.
 *
 * @param login from connecting to being logged in; then the protocol's farewell and close
 * @param commandPace the least average rate of a command still being sent, literals included, once
 *     its grace period has passed
 * @param maxConnections connections a protocol's listeners hold at once, from every address
 *     together; more get the protocol's refusal and are closed
 */
public record SessionDeadlines(Duration login, ReadPace.Policy commandPace, int maxConnections) {

  /** One minute to log in; 1 KiB/s after 30 s for a command; 2000 connections. */
  public static final SessionDeadlines DEFAULTS =
      new SessionDeadlines(
          Duration.ofSeconds(60), new ReadPace.Policy(1024, Duration.ofSeconds(30)), 2000);

  public SessionDeadlines {
    if (login.isNegative() || login.isZero() || maxConnections < 1) {
      throw new IllegalArgumentException("a login deadline and a connection ceiling must be set");
    }
  }
}
