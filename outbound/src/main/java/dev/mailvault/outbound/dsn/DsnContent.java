package dev.mailvault.outbound.dsn;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one delivery status notification says (RFC 3464 §2.2 per-message fields, and its
 * recipients).
 *
 * @param reportingMta this server's name (§2.2.2)
 * @param to the original message's envelope sender, who receives the report
 * @param envelopeId the ENVID given at submission (§2.2.1)
 * @param arrival when the original was accepted (§2.2.5)
 * @param date the report's own Date
 * @param messageId the report's Message-ID, without angle brackets
 * @param original the original message
 * @param fullMessage RFC 3461 RET=FULL: return the whole original, else its header only
 * @param recipients the recipients reported, all with the same kind of action
 */
public record DsnContent(
    String reportingMta,
    String to,
    Optional<String> envelopeId,
    Instant arrival,
    Instant date,
    String messageId,
    byte[] original,
    boolean fullMessage,
    List<DsnRecipient> recipients) {

  public DsnContent {
    Objects.requireNonNull(reportingMta, "reportingMta");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(envelopeId, "envelopeId");
    Objects.requireNonNull(arrival, "arrival");
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(original, "original");
    recipients = List.copyOf(recipients);
    if (recipients.isEmpty()) {
      throw new IllegalArgumentException("a report needs at least one recipient");
    }
  }

  @Override
  public String toString() {
    return "DsnContent[" + recipients.size() + " recipients]";
  }
}
