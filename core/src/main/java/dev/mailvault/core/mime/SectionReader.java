package dev.mailvault.core.mime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * Reads the content of a section of a stored message (RFC 9051 §6.4.5 {@code BODY[section]}) from
 * its part tree and its raw bytes, without re-parsing the message.
 */
public final class SectionReader {

  private static final byte[] CRLF = {'\r', '\n'};

  private SectionReader() {}

  /**
   * Returns the bytes of {@code section}, the text between the brackets of {@code BODY[...]}: empty
   * (the whole message), {@code HEADER}, {@code TEXT}, {@code HEADER.FIELDS (A B)}, {@code
   * HEADER.FIELDS.NOT (A B)}, a part number such as {@code 1.2}, optionally followed by {@code
   * .HEADER}, {@code .TEXT}, {@code .MIME} or {@code .HEADER.FIELDS[.NOT] (...)}. Partial ranges
   * ({@code <a.b>}) are the caller's job.
   *
   * <p>A part that does not exist reads as empty, as the reference server answers it; so do HEADER
   * and TEXT of a numbered part that is not a message/rfc822 (RFC 9051 §6.4.5 defines them only
   * there).
   *
   * @throws InvalidSectionException when the section text is malformed
   */
  public static byte[] read(MimePart root, ByteSource source, String section)
      throws IOException, InvalidSectionException {
    SectionSpec spec = SectionSpec.parse(section);
    MimePart part = find(root, spec.part());
    if (part == null) {
      return new byte[0];
    }
    if (spec.text() == SectionSpec.Text.MIME) {
      return range(source, part.headerStart(), part.bodyStart());
    }
    if (spec.text() == SectionSpec.Text.ALL) {
      return spec.part().isEmpty()
          ? range(source, 0, source.length())
          : range(source, part.bodyStart(), part.end());
    }
    MimePart message = part;
    if (!spec.part().isEmpty()) {
      // RFC 9051 §6.4.5: HEADER, TEXT and HEADER.FIELDS of a part refer to its message/rfc822.
      message = part.message();
      if (message == null) {
        return new byte[0];
      }
    }
    return switch (spec.text()) {
      case HEADER -> range(source, message.headerStart(), message.bodyStart());
      case TEXT -> range(source, message.bodyStart(), message.end());
      case HEADER_FIELDS -> headerFields(source, message, Set.copyOf(spec.fields()), true);
      case HEADER_FIELDS_NOT -> headerFields(source, message, Set.copyOf(spec.fields()), false);
      default -> throw new IllegalStateException("unreachable: " + spec.text());
    };
  }

  /**
   * Finds a part by its section numbers as the reference server does: the children of a multipart
   * are numbered from 1; a part that is not a multipart is its own part 1; numbers after a
   * message/rfc822 part continue inside its encapsulated message.
   */
  static MimePart find(MimePart root, List<Integer> numbers) {
    MimePart part = root;
    for (int i = 0; i < numbers.size() && part != null; i++) {
      int number = numbers.get(i);
      if (part.isMultipart()) {
        part = number <= part.children().size() ? part.children().get(number - 1) : null;
      } else if (number != 1) {
        part = null;
      }
      if (part != null && part.message() != null && i + 1 < numbers.size()) {
        part = part.message();
      }
    }
    return part;
  }

  // RFC 9051 §6.4.5: the subset of the header fields, with the blank line that ends a header.
  private static byte[] headerFields(
      ByteSource source, MimePart message, Set<String> names, boolean keep) throws IOException {
    byte[] header = range(source, message.headerStart(), message.bodyStart());
    HeaderParser.Result parsed = HeaderParser.parse(header, 0, null);
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(header.length + 2, 4096));
    for (HeaderField field : parsed.fields()) {
      boolean listed = names.contains(field.name().toUpperCase(java.util.Locale.ROOT));
      if (listed == keep) {
        out.write(header, field.start(), field.end() - field.start());
      }
    }
    out.write(CRLF, 0, CRLF.length);
    return out.toByteArray();
  }

  private static byte[] range(ByteSource source, long from, long to) throws IOException {
    long length = Math.max(0, Math.min(to, source.length()) - from);
    if (length == 0) {
      return new byte[0];
    }
    return source.read(from, Math.toIntExact(length));
  }
}
