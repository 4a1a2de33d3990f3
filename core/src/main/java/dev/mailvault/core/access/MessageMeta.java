package dev.mailvault.core.access;

import dev.mailvault.core.mail.Flags;
import java.time.Instant;

/**
 * What a FETCH of metadata needs, read without touching the message content.
 *
 * <p>{@code envelope}, {@code body} and {@code bodyStructure} are byte strings as {@link
 * dev.mailvault.core.mime.ParsedMessage} made them (one char per byte, ISO-8859-1): send them with
 * {@code getBytes(ISO_8859_1)}, never as UTF-8.
 *
 * @param uid the UID
 * @param modseq the MODSEQ of the last change (RFC 7162)
 * @param flags the flags and keywords
 * @param internalDate the INTERNALDATE, to the second
 * @param size RFC822.SIZE, the exact byte count stored
 * @param envelope ENVELOPE data as computed at append (RFC 9051 §7.5.2)
 * @param body BODY data (BODYSTRUCTURE without extension data)
 * @param bodyStructure BODYSTRUCTURE data
 * @param messageId the Message-ID header value, or empty
 * @param emailId what identifies the message's content in its vault, shared by its copies and kept
 *     by MOVE, never given to other content (RFC 8474 EMAILID); 0 where it was not read
 * @param saveDate when the message was saved into its folder (RFC 8514), or null when unknown or
 *     not read
 */
public record MessageMeta(
    long uid,
    long modseq,
    Flags flags,
    Instant internalDate,
    long size,
    String envelope,
    String body,
    String bodyStructure,
    String messageId,
    long emailId,
    Instant saveDate) {

  /** Metadata without the object id and save date (both unknown). */
  public MessageMeta(
      long uid,
      long modseq,
      Flags flags,
      Instant internalDate,
      long size,
      String envelope,
      String body,
      String bodyStructure,
      String messageId) {
    this(uid, modseq, flags, internalDate, size, envelope, body, bodyStructure, messageId, 0, null);
  }

  /** This metadata with other flags (after a STORE the answer shows). */
  public MessageMeta withFlags(Flags newFlags) {
    return new MessageMeta(
        uid,
        modseq,
        newFlags,
        internalDate,
        size,
        envelope,
        body,
        bodyStructure,
        messageId,
        emailId,
        saveDate);
  }
}
