package dev.mailvault.server.dkim;

import dev.mailvault.core.address.DomainName;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.address.InvalidAddressException;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.outbound.OutboundMessage;
import dev.mailvault.core.outbound.Outbox;
import dev.mailvault.mailauth.dkim.DkimSigner;
import dev.mailvault.mailauth.dkim.DkimSigningKey;
import dev.mailvault.mailauth.dkim.HeaderField;
import dev.mailvault.mailauth.dkim.MessageHeader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Signs each message once, as it is queued (ADR 0200), with the keys of the domain of its {@code
 * From} field (so the signature aligns for DMARC, RFC 7489 §3.1.1), or of the envelope sender's
 * domain when {@code From} names none served here; then hands it to the queue. A message of a
 * domain without keys is queued unsigned.
 */
public final class DkimSigningOutbox implements Outbox {

  private final Outbox queue;
  private final DkimKeySource keys;
  private final DkimSigner signer;

  public DkimSigningOutbox(Outbox queue, DkimKeySource keys, DkimSigner signer) {
    this.queue = queue;
    this.keys = keys;
    this.signer = signer;
  }

  @Override
  public String submit(OutboundMessage message) throws MailvaultException {
    return queue.submit(signed(message));
  }

  @Override
  public String prepare(OutboundMessage message) throws MailvaultException {
    return queue.prepare(signed(message));
  }

  @Override
  public void commit(String id) throws MailvaultException {
    queue.commit(id);
  }

  @Override
  public void abandon(String id) {
    queue.abandon(id);
  }

  private OutboundMessage signed(OutboundMessage message) {
    List<DkimSigningKey> signing =
        fromDomain(message.raw()).map(keys::signingKeys).orElse(List.of());
    if (signing.isEmpty()) {
      signing = envelopeDomain(message.mailFrom()).map(keys::signingKeys).orElse(List.of());
    }
    if (signing.isEmpty()) {
      return message;
    }
    return new OutboundMessage(
        message.mailFrom(),
        message.sender(),
        message.recipients(),
        signer.sign(message.raw(), signing),
        message.accepted(),
        message.envelopeId(),
        message.ret(),
        message.requireTls(),
        message.smtpUtf8(),
        message.eightBit());
  }

  /** The domain of the first mailbox of the first {@code From} field (RFC 5322 §3.6.2). */
  static Optional<DomainName> fromDomain(byte[] raw) {
    List<HeaderField> from = MessageHeader.parse(raw).named("From");
    if (from.isEmpty()) {
      return Optional.empty();
    }
    // SMTPUTF8 (RFC 6532): the field's bytes are UTF-8.
    String value =
        new String(
            from.get(0).value().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    String mailbox = firstMailbox(value);
    int at = mailbox.lastIndexOf('@');
    if (at < 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(DomainName.parse(mailbox.substring(at + 1).trim()));
    } catch (InvalidAddressException e) {
      return Optional.empty();
    }
  }

  /**
   * The addr-spec of the first mailbox: inside its angle brackets when it has them, with quoted
   * display names and comments (RFC 5322 §3.2.2, §3.4) set aside first.
   */
  private static String firstMailbox(String value) {
    String plain =
        value
            .replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
            .replaceAll("\\((\\\\.|[^()\\\\])*\\)", " ");
    int comma = plain.indexOf(',');
    String first = comma < 0 ? plain : plain.substring(0, comma);
    int open = first.indexOf('<');
    int close = first.indexOf('>', open + 1);
    return open >= 0 && close > open ? first.substring(open + 1, close) : first.trim();
  }

  private static Optional<DomainName> envelopeDomain(String mailFrom) {
    try {
      return Optional.of(EmailAddress.parse(mailFrom).domain());
    } catch (InvalidAddressException e) {
      return Optional.empty();
    }
  }
}
