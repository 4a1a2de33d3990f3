package dev.mailvault.mailauth.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The header fields of a message as it arrived (RFC 5322 §2.2): each field's name, its unfolded
 * value, and where its bytes lie, so that a field can be dropped without touching the others. Lines
 * may end in CRLF or a bare LF; the section ends at the first empty line.
 */
public final class HeaderSection {

  /**
   * One field.
   *
   * @param name the field name as written
   * @param value the value after the colon, unfolded (RFC 5322 §2.2.3), leading blanks removed
   * @param start the offset of the field's first byte
   * @param end the offset just past its last line's line ending
   */
  public record Field(String name, String value, int start, int end) {

    /** Whether this field is named {@code other}, case-insensitively (RFC 5322 §1.2.2). */
    public boolean is(String other) {
      return name.equalsIgnoreCase(other);
    }
  }

  private final List<Field> fields;
  private final int bodyStart;

  private HeaderSection(List<Field> fields, int bodyStart) {
    this.fields = List.copyOf(fields);
    this.bodyStart = bodyStart;
  }

  /** Reads the header section of {@code message}. */
  public static HeaderSection of(byte[] message) {
    List<Field> fields = new ArrayList<>();
    int at = 0;
    while (at < message.length) {
      int lineEnd = lineEnd(message, at);
      if (isBlank(message, at, lineEnd)) {
        return new HeaderSection(fields, lineEnd);
      }
      int end = lineEnd;
      // RFC 5322 §2.2.3: a line starting with a blank continues the field above.
      while (end < message.length && (message[end] == ' ' || message[end] == '\t')) {
        end = lineEnd(message, end);
      }
      String raw = new String(message, at, end - at, StandardCharsets.ISO_8859_1);
      int colon = raw.indexOf(':');
      if (colon > 0) {
        String value = raw.substring(colon + 1).replaceAll("\r?\n", "").strip();
        fields.add(new Field(raw.substring(0, colon).strip(), value, at, end));
      }
      at = end;
    }
    return new HeaderSection(fields, message.length);
  }

  private static int lineEnd(byte[] message, int from) {
    for (int i = from; i < message.length; i++) {
      if (message[i] == '\n') {
        return i + 1;
      }
    }
    return message.length;
  }

  private static boolean isBlank(byte[] message, int start, int lineEnd) {
    for (int i = start; i < lineEnd; i++) {
      if (message[i] != '\r' && message[i] != '\n') {
        return false;
      }
    }
    return true;
  }

  public List<Field> fields() {
    return fields;
  }

  /** The fields named {@code name}, in order. */
  public List<Field> named(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return fields.stream().filter(f -> f.name().toLowerCase(Locale.ROOT).equals(lower)).toList();
  }

  /** The offset of the body (just past the empty line), or the message length when none. */
  public int bodyStart() {
    return bodyStart;
  }
}
