package dev.mailvault.core.mime;

import java.util.List;

/**
 * One entity of a message (RFC 2045 §2.4) with its byte offsets into the raw message as stored. The
 * header of the entity is {@code [headerStart, bodyStart)} (including the empty line that ends it,
 * when present) and its body is {@code [bodyStart, end)}.
 *
 * <p>Section numbers follow RFC 9051 §6.4.5: the children of a multipart are numbered from 1; a
 * message/rfc822 part's section numbers continue into {@code message}, its encapsulated message.
 *
 * @param headerStart offset of the first header byte
 * @param bodyStart offset of the first body byte
 * @param end offset just past the last body byte
 * @param mediaType the media type, lower-case (e.g. {@code text})
 * @param subType the media subtype, lower-case (e.g. {@code plain})
 * @param transferEncoding the Content-Transfer-Encoding, lower-case ({@code 7bit} when absent)
 * @param children the parts of a multipart, empty otherwise
 * @param message the encapsulated message of a message/rfc822 part, null otherwise
 */
public record MimePart(
    long headerStart,
    long bodyStart,
    long end,
    String mediaType,
    String subType,
    String transferEncoding,
    List<MimePart> children,
    MimePart message) {

  public MimePart {
    children = List.copyOf(children);
  }

  /** The body length in bytes. */
  public long bodyLength() {
    return end - bodyStart;
  }

  public boolean isMultipart() {
    return "multipart".equals(mediaType);
  }
}
