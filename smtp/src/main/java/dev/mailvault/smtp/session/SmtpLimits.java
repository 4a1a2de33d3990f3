package dev.mailvault.smtp.session;

import dev.mailvault.smtp.codec.ReaderLimits;
import java.time.Duration;

/**
 * The configurable limits of the MX (issue 4, DESIGN §7).
 *
 * @param reader line lengths, message size (SIZE) and the bare line end policy
 * @param maxRecipients recipients per message; more get 452 4.5.3 (RFC 5321 §4.5.3.1.8: at least
 *     100 must be accepted)
 * @param connectionsPerIp simultaneous connections one address may hold
 * @param commandTimeout how long the server waits for a command (RFC 5321 §4.5.3.2.7: 5 minutes)
 * @param dataTimeout how long the server waits for more message octets during DATA or BDAT (RFC
 *     5321 §4.5.3.2.5 gives the sender 3 minutes per data block)
 * @param errorBudget failed commands one address may cause within {@code errorWindow} before it
 *     gets 421 4.7.0 and is disconnected
 * @param errorWindow how long failures count against an address
 */
public record SmtpLimits(
    ReaderLimits reader,
    int maxRecipients,
    int connectionsPerIp,
    Duration commandTimeout,
    Duration dataTimeout,
    int errorBudget,
    Duration errorWindow) {

  public static final SmtpLimits DEFAULTS =
      new SmtpLimits(
          ReaderLimits.DEFAULTS,
          100,
          20,
          Duration.ofMinutes(5),
          Duration.ofMinutes(3),
          30,
          Duration.ofMinutes(10));

  public SmtpLimits withTimeouts(Duration command, Duration data) {
    return new SmtpLimits(
        reader, maxRecipients, connectionsPerIp, command, data, errorBudget, errorWindow);
  }

  public SmtpLimits withReader(ReaderLimits newReader) {
    return new SmtpLimits(
        newReader,
        maxRecipients,
        connectionsPerIp,
        commandTimeout,
        dataTimeout,
        errorBudget,
        errorWindow);
  }

  public SmtpLimits withRecipientsAndConnections(int recipients, int connections) {
    return new SmtpLimits(
        reader, recipients, connections, commandTimeout, dataTimeout, errorBudget, errorWindow);
  }

  public SmtpLimits withErrorBudget(int budget, Duration window) {
    return new SmtpLimits(
        reader, maxRecipients, connectionsPerIp, commandTimeout, dataTimeout, budget, window);
  }
}
