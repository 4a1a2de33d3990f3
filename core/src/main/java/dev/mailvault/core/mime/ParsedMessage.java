package dev.mailvault.core.mime;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A message parsed once, at append time, into the form the store keeps beside the raw bytes so that
 * no later FETCH needs to re-parse the whole message for metadata.
 *
 * <p>{@code envelope}, {@code body} and {@code bodyStructure} are rendered in the data syntax of
 * RFC 9051 §7.5.2 (the same in RFC 3501 §7.4.2): they are protocol-neutral S-expressions that the
 * IMAP front-end sends as they are.
 *
 * <p>These three strings are byte strings: each char is one byte (ISO-8859-1), because header
 * values may carry raw 8-bit bytes that are not valid UTF-8 and literals ({@code {N}}) count bytes.
 * Send them with {@link #envelopeBytes()}, {@link #bodyBytes()} and {@link #bodyStructureBytes()}
 * (or {@code getBytes(ISO_8859_1)}); never encode them as UTF-8. They survive a round trip through
 * a SQLite TEXT column unchanged.
 *
 * @param size the raw size in bytes, as stored and as RFC822.SIZE reports it
 * @param envelope ENVELOPE data, e.g. {@code ("date" "subject" ((...)) ...)}
 * @param body BODY data (BODYSTRUCTURE without extension data)
 * @param bodyStructure BODYSTRUCTURE data with extension data
 * @param root the part tree with byte offsets into the raw message
 * @param summary decoded header values and text for sorting, searching and previews
 */
public record ParsedMessage(
    long size,
    String envelope,
    String body,
    String bodyStructure,
    MimePart root,
    MessageSummary summary) {

  public ParsedMessage {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(bodyStructure, "bodyStructure");
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(summary, "summary");
  }

  /** The ENVELOPE data as the bytes to send. */
  public byte[] envelopeBytes() {
    return envelope.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** The BODY data as the bytes to send. */
  public byte[] bodyBytes() {
    return body.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** The BODYSTRUCTURE data as the bytes to send. */
  public byte[] bodyStructureBytes() {
    return bodyStructure.getBytes(StandardCharsets.ISO_8859_1);
  }
}
