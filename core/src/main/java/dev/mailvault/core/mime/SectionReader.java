package dev.mailvault.core.mime;

import java.io.IOException;

/**
 * Reads the content of a section of a stored message (RFC 9051 §6.4.5 {@code BODY[section]}) from
 * its part tree and its raw bytes, without re-parsing the message.
 */
public final class SectionReader {

  private SectionReader() {}

  /**
   * Returns the bytes of {@code section}, the text between the brackets of {@code BODY[...]}: empty
   * (the whole message), {@code HEADER}, {@code TEXT}, {@code HEADER.FIELDS (A B)}, {@code
   * HEADER.FIELDS.NOT (A B)}, a part number such as {@code 1.2}, optionally followed by {@code
   * .HEADER}, {@code .TEXT}, {@code .MIME} or {@code .HEADER.FIELDS[.NOT] (...)}. Partial ranges
   * ({@code <a.b>}) are the caller's job.
   *
   * @throws InvalidSectionException when the section text is malformed
   */
  public static byte[] read(MimePart root, ByteSource source, String section)
      throws IOException, InvalidSectionException {
    throw new UnsupportedOperationException("being written on branch mime");
  }
}
