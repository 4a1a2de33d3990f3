package dev.mailvault.imap.codec;

import java.util.List;

/**
 * A FETCH data item (RFC 9051 §6.4.5, RFC 3516 BINARY, RFC 7162 MODSEQ, RFC 8474 object ids, RFC
 * 8514 SAVEDATE, RFC 8970 PREVIEW).
 */
public sealed interface FetchItem {

  /** The items without arguments. */
  enum Simple implements FetchItem {
    FLAGS,
    INTERNALDATE,
    RFC822_SIZE,
    ENVELOPE,
    BODY,
    BODYSTRUCTURE,
    UID,
    RFC822,
    RFC822_HEADER,
    RFC822_TEXT,
    MODSEQ,
    /** RFC 8474 §5.1. */
    EMAILID,
    /** RFC 8474 §5.2. */
    THREADID,
    /** RFC 8514 §3. */
    SAVEDATE
  }

  /** PREVIEW or PREVIEW (LAZY) (RFC 8970 §3). */
  record Preview(boolean lazy) implements FetchItem {}

  /** BODY[section]&lt;partial&gt; or BODY.PEEK[...]. */
  record BodySection(Section section, boolean peek, Partial partial) implements FetchItem {}

  /** BINARY[part]&lt;partial&gt; or BINARY.PEEK[...] (RFC 3516 §4.1). */
  record Binary(List<Integer> part, boolean peek, Partial partial) implements FetchItem {}

  /** BINARY.SIZE[part]. */
  record BinarySize(List<Integer> part) implements FetchItem {}

  /** {@code <offset.length>}; {@code null} where no partial was asked. */
  record Partial(long offset, long length) {}

  /**
   * A body section (RFC 9051 §6.4.5): a part path (empty for the whole message) and what of it.
   *
   * @param fields the header names of HEADER.FIELDS / HEADER.FIELDS.NOT, upper-cased, else empty
   */
  record Section(List<Integer> part, SectionText text, List<String> fields) {
    public static final Section WHOLE = new Section(List.of(), SectionText.NONE, List.of());
  }

  enum SectionText {
    NONE,
    HEADER,
    HEADER_FIELDS,
    HEADER_FIELDS_NOT,
    TEXT,
    MIME
  }
}
