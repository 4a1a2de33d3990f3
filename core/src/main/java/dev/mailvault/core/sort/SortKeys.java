package dev.mailvault.core.sort;

import dev.mailvault.core.mime.EnvelopeAddresses;
import dev.mailvault.core.mime.EnvelopeAddresses.Field;
import java.util.Optional;

/**
 * The keys SORT and THREAD compare, computed once when a message is stored (or, for a message
 * stored before they existed, from its stored subject, ENVELOPE and headers) and kept beside it so
 * that neither command parses a message again. Every text key is in i;unicode-casemap canonical
 * form (RFC 5051), so the store orders them as octets.
 *
 * @param subject the base subject (RFC 5256 §2.1)
 * @param subjectIsReply whether the subject was a reply or forward (RFC 5256 §2.1)
 * @param from the mailbox (local part) of the first From address (RFC 5256 §3 SORT FROM)
 * @param to the mailbox of the first To address
 * @param cc the mailbox of the first Cc address
 * @param displayFrom the display name of the first From address, or its addr-spec (RFC 5957)
 * @param displayTo the same for the first To address
 * @param messageId the message's own msg-id, or empty when it has no valid one (RFC 5256 §3)
 * @param references the msg-ids of its ancestors, oldest first, separated by single spaces
 */
public record SortKeys(
    String subject,
    boolean subjectIsReply,
    String from,
    String to,
    String cc,
    String displayFrom,
    String displayTo,
    String messageId,
    String references) {

  /**
   * @param decodedSubject the Subject with RFC 2047 words decoded
   * @param envelope the stored ENVELOPE string
   * @param messageId the Message-ID header value
   * @param inReplyTo the In-Reply-To header value
   * @param references the References header value
   */
  public static SortKeys of(
      String decodedSubject,
      String envelope,
      String messageId,
      String inReplyTo,
      String references) {
    BaseSubject base = BaseSubject.of(decodedSubject == null ? "" : decodedSubject);
    Optional<EnvelopeAddresses.First> from = EnvelopeAddresses.first(envelope, Field.FROM);
    Optional<EnvelopeAddresses.First> to = EnvelopeAddresses.first(envelope, Field.TO);
    Optional<EnvelopeAddresses.First> cc = EnvelopeAddresses.first(envelope, Field.CC);
    return new SortKeys(
        base.text(),
        base.replyOrForward(),
        mailbox(from),
        mailbox(to),
        mailbox(cc),
        display(from),
        display(to),
        MessageIds.first(messageId),
        String.join(" ", MessageIds.parents(references, inReplyTo)));
  }

  private static String mailbox(Optional<EnvelopeAddresses.First> address) {
    return address.map(a -> UnicodeCasemap.canonical(a.mailbox())).orElse("");
  }

  private static String display(Optional<EnvelopeAddresses.First> address) {
    return address.map(a -> UnicodeCasemap.canonical(a.display().strip())).orElse("");
  }
}
