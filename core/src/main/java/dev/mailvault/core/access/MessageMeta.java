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
    String messageId) {}
