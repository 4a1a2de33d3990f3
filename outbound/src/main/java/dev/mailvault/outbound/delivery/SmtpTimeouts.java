package dev.mailvault.outbound.delivery;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the client waits for each step (RFC 5321 §4.5.3.2). Tests shorten them only to bound a
 * failure, never to wait one out.
 *
 * @param connect the TCP connection (and the TLS handshake after STARTTLS)
 * @param greeting §4.5.3.2.1: the 220 greeting, 5 minutes
 * @param command §4.5.3.2.2–3: EHLO, MAIL and RCPT replies, 5 minutes
 * @param dataInitiation §4.5.3.2.4: the 354 reply, 2 minutes
 * @param dataBlock §4.5.3.2.5: each write of the message, 3 minutes
 * @param dataTermination §4.5.3.2.6: the reply to the final dot, 10 minutes
 */
public record SmtpTimeouts(
    Duration connect,
    Duration greeting,
    Duration command,
    Duration dataInitiation,
    Duration dataBlock,
    Duration dataTermination) {

  public SmtpTimeouts {
    Objects.requireNonNull(connect, "connect");
    Objects.requireNonNull(greeting, "greeting");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(dataInitiation, "dataInitiation");
    Objects.requireNonNull(dataBlock, "dataBlock");
    Objects.requireNonNull(dataTermination, "dataTermination");
  }

  /** RFC 5321 §4.5.3.2's values, with 30 seconds to connect. */
  public static SmtpTimeouts rfc5321() {
    return new SmtpTimeouts(
        Duration.ofSeconds(30),
        Duration.ofMinutes(5),
        Duration.ofMinutes(5),
        Duration.ofMinutes(2),
        Duration.ofMinutes(3),
        Duration.ofMinutes(10));
  }

  /** Every step bounded by {@code each}: for tests, to end a failure rather than hang. */
  public static SmtpTimeouts uniform(Duration each) {
    return new SmtpTimeouts(each, each, each, each, each, each);
  }
}
