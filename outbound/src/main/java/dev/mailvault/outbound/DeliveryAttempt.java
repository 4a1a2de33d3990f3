package dev.mailvault.outbound;

import dev.mailvault.core.outbound.DsnReturn;
import dev.mailvault.core.outbound.OutboundRecipient;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link Transmitter} is asked to deliver: one message to its still-pending recipients at
 * one domain.
 *
 * @param queueId the queue id (logs carry it, never an address)
 * @param mailFrom the envelope sender
 * @param domain the recipients' domain (ASCII or U-label, as the recipients give it)
 * @param recipients the pending recipients at {@code domain}
 * @param raw the message to send, DKIM signature included
 * @param envelopeId RFC 3461 ENVID, passed on when the next hop offers DSN
 * @param ret RFC 3461 RET, passed on likewise
 * @param requireTls RFC 8689: refuse to send without verified TLS and pass REQUIRETLS on
 * @param smtpUtf8 RFC 6531: needs a next hop that offers SMTPUTF8
 * @param eightBit RFC 6152: BODY=8BITMIME
 */
public record DeliveryAttempt(
    String queueId,
    String mailFrom,
    String domain,
    List<OutboundRecipient> recipients,
    byte[] raw,
    Optional<String> envelopeId,
    DsnReturn ret,
    boolean requireTls,
    boolean smtpUtf8,
    boolean eightBit) {

  public DeliveryAttempt {
    Objects.requireNonNull(queueId, "queueId");
    Objects.requireNonNull(mailFrom, "mailFrom");
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(raw, "raw");
    recipients = List.copyOf(recipients);
  }

  @Override
  public String toString() {
    return "DeliveryAttempt[" + queueId + ", " + recipients.size() + " recipients]";
  }
}
