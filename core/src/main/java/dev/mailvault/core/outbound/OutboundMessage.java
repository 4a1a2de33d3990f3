package dev.mailvault.core.outbound;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A message accepted by submission, as the outbound queue keeps it.
 *
 * @param mailFrom the envelope sender (an address the authenticated alias may send as); bounces and
 *     delay warnings go to it
 * @param sender the authenticated alias that submitted it (rate limits, {@code queue list})
 * @param recipients every envelope recipient, with its DSN options (RFC 3461 §4.1, §4.2)
 * @param raw the message as it will be sent (submission's header fixes done; not yet signed)
 * @param accepted when submission answered 250: retry and give-up times count from here
 * @param envelopeId RFC 3461 §4.4 ENVID, as given (xtext decoded)
 * @param ret RFC 3461 §4.3: what a bounce carries of the original
 * @param requireTls RFC 8689 REQUIRETLS: every hop must use verified TLS, or the message bounces
 * @param smtpUtf8 RFC 6531: the envelope or the headers need SMTPUTF8
 * @param eightBit RFC 6152 BODY=8BITMIME
 */
public record OutboundMessage(
    String mailFrom,
    String sender,
    List<OutboundRecipient> recipients,
    byte[] raw,
    Instant accepted,
    Optional<String> envelopeId,
    DsnReturn ret,
    boolean requireTls,
    boolean smtpUtf8,
    boolean eightBit) {

  public OutboundMessage {
    Objects.requireNonNull(mailFrom, "mailFrom");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(raw, "raw");
    Objects.requireNonNull(accepted, "accepted");
    Objects.requireNonNull(envelopeId, "envelopeId");
    Objects.requireNonNull(ret, "ret");
    recipients = List.copyOf(recipients);
    if (recipients.isEmpty()) {
      throw new IllegalArgumentException("a message needs at least one recipient");
    }
  }

  @Override
  public String toString() {
    // No addresses in logs (privacy): only the counts.
    return "OutboundMessage[" + recipients.size() + " recipients, " + raw.length + " octets]";
  }
}
