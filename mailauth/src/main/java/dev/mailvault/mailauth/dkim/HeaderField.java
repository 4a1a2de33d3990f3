package dev.mailvault.mailauth.dkim;

import java.nio.charset.StandardCharsets;

/**
 * One header field exactly as it arrived: its name (as written, without the white space a sender
 * may put before the colon) and its raw bytes, folds and the final line end included.
 */
public record HeaderField(String name, byte[] raw) {

  /** Whether this field is named {@code other}; field names are case-insensitive (RFC 5322). */
  public boolean isNamed(String other) {
    return name.equalsIgnoreCase(other);
  }

  /** The bytes after the colon, as ISO-8859-1 text so each byte stays one char. */
  public String value() {
    int colon = colon(raw);
    return colon < 0
        ? ""
        : new String(raw, colon + 1, raw.length - colon - 1, StandardCharsets.ISO_8859_1);
  }

  /** The index of the first colon in {@code raw}, or -1. */
  static int colon(byte[] raw) {
    for (int i = 0; i < raw.length; i++) {
      if (raw[i] == ':') {
        return i;
      }
    }
    return -1;
  }

  @Override
  public String toString() {
    // Field values are message text: never printed.
    return "HeaderField[" + name + "]";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof HeaderField field
        && field.name.equals(name)
        && java.util.Arrays.equals(field.raw, raw);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + java.util.Arrays.hashCode(raw);
  }
}
