package dev.mailvault.core.mime;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Decoded header values (RFC 2047 words decoded, unfolded) and text used for SORT, SEARCH and
 * previews. Every field may be empty but none is null except {@code sentDate}.
 *
 * @param subject the Subject, decoded
 * @param from the first From address as {@code local@domain} (lower-cased domain), or empty
 * @param fromName the display name of the first From address, decoded, or empty
 * @param to every To address as {@code local@domain}, comma-separated
 * @param cc every Cc address as {@code local@domain}, comma-separated
 * @param sentDate the Date header, or null when absent or unparseable
 * @param sentDay the day of the Date header in the zone it was written in, or null with {@code
 *     sentDate}
 * @param messageId the Message-ID header value, trimmed
 * @param inReplyTo the In-Reply-To header value, trimmed
 * @param references the References header value, unfolded
 * @param preview up to 256 characters of the first text part, whitespace collapsed (RFC 8970)
 * @param text decoded text of the text parts for full-text search, at most 1 MiB of characters
 */
public record MessageSummary(
    String subject,
    String from,
    String fromName,
    String to,
    String cc,
    Instant sentDate,
    LocalDate sentDay,
    String messageId,
    String inReplyTo,
    String references,
    String preview,
    String text) {}
