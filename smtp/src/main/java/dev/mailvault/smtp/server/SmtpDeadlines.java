package dev.mailvault.smtp.server;

import dev.mailvault.core.net.ReadPace;
import java.time.Duration;

/**
 * How slowly an SMTP client may send a message, and how many clients the MX holds at once (issue
 * 10, ADRs 0175 and 0176). The command and data timeouts stay in the session's limits.
 *
 * @param dataPace the least average rate of DATA and of each BDAT chunk once its grace period has
 *     passed
 * @param maxConnections connections the listener holds at once, from every address together; more
 *     get 421 4.3.2 and are closed
 */
public record SmtpDeadlines(ReadPace.Policy dataPace, int maxConnections) {

  /** 1 KiB/s after 30 s for message data; 2000 connections. */
  public static final SmtpDeadlines DEFAULTS =
      new SmtpDeadlines(new ReadPace.Policy(1024, Duration.ofSeconds(30)), 2000);

  public SmtpDeadlines {
    if (maxConnections < 1) {
      throw new IllegalArgumentException("a connection ceiling must be at least 1");
    }
  }
}
