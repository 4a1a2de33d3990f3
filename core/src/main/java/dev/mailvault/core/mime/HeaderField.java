package dev.mailvault.core.mime;

/**
 * One header field of an entity (RFC 5322 §2.2), as offsets into the raw message.
 *
 * @param name the field name, trailing white space before the colon removed; the whole first line
 *     when the line has no colon (the reference server keeps such lines as fields)
 * @param start offset of the first byte of the field
 * @param end offset just past the line break that ends the field (or its last byte at EOF)
 * @param valueStart offset of the value: after the colon and the white space that follows it
 * @param valueEnd offset just past the value, before the line break of its last line; folding line
 *     breaks inside stay in {@code [valueStart, valueEnd)} as they were received
 * @param newlineLength the length of the line break ending the field: 2 (CRLF), 1 (LF) or 0 (EOF)
 */
record HeaderField(
    String name, int start, int end, int valueStart, int valueEnd, int newlineLength) {

  boolean is(String other) {
    return name.equalsIgnoreCase(other);
  }
}
