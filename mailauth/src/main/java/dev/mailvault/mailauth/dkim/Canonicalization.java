package dev.mailvault.mailauth.dkim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The two DKIM canonicalizations (RFC 6376 §3.4), for header fields and for the body. Both work on
 * bytes in one pass; line ends are CRLF.
 */
public enum Canonicalization {
  /**
   * RFC 6376 §3.4.1 (header) and §3.4.3 (body): the bytes as they are, but trailing empty lines.
   */
  SIMPLE("simple"),
  /** RFC 6376 §3.4.2 (header) and §3.4.4 (body): white space runs and case of names forgiven. */
  RELAXED("relaxed");

  private final String tag;

  Canonicalization(String tag) {
    this.tag = tag;
  }

  /** The name in a {@code c=} tag. */
  public String tag() {
    return tag;
  }

  /** The canonicalization named {@code name}, or null when there is none of that name. */
  public static Canonicalization named(String name) {
    for (Canonicalization each : values()) {
      if (each.tag.equals(name)) {
        return each;
      }
    }
    return null;
  }

  /** {@code field} canonicalized, ending in CRLF as the field does. */
  public byte[] header(HeaderField field) {
    if (this == SIMPLE) {
      return field.raw().clone();
    }
    // RFC 6376 §3.4.2: lowercase the name; unfold; WSP runs to one SP; no WSP at the value's end
    // nor around the colon.
    StringBuilder out = new StringBuilder(field.raw().length);
    out.append(field.name().toLowerCase(Locale.ROOT)).append(':');
    String value = field.value();
    boolean pendingSpace = false;
    boolean started = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\r' || c == '\n') {
        continue;
      }
      if (c == ' ' || c == '\t') {
        pendingSpace = true;
        continue;
      }
      if (pendingSpace && started) {
        out.append(' ');
      }
      pendingSpace = false;
      started = true;
      out.append(c);
    }
    out.append("\r\n");
    return out.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** The body of {@code message}, from {@code offset} to the end, canonicalized. */
  public byte[] body(byte[] message, int offset) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(16, message.length - offset));
    int emptyLines = 0;
    int position = offset;
    while (position < message.length) {
      int contentEnd = position;
      while (contentEnd < message.length
          && !(message[contentEnd] == '\r'
              && contentEnd + 1 < message.length
              && message[contentEnd + 1] == '\n')) {
        contentEnd++;
      }
      byte[] line =
          this == SIMPLE
              ? slice(message, position, contentEnd)
              : relaxedLine(message, position, contentEnd);
      // §3.4.3 and §3.4.4: empty lines at the end of the body are ignored, so hold them back
      // until a line with content shows they are not at the end.
      if (line.length == 0) {
        emptyLines++;
      } else {
        for (; emptyLines > 0; emptyLines--) {
          out.write('\r');
          out.write('\n');
        }
        out.write(line, 0, line.length);
        // A last line without CRLF gets one (§3.4.3, §3.4.4).
        out.write('\r');
        out.write('\n');
      }
      position = contentEnd + 2;
    }
    // §3.4.3: a simple body that is empty is one CRLF; §3.4.4: a relaxed one stays empty.
    if (this == SIMPLE && out.size() == 0) {
      out.write('\r');
      out.write('\n');
    }
    return out.toByteArray();
  }

  private static byte[] slice(byte[] message, int start, int end) {
    return java.util.Arrays.copyOfRange(message, start, end);
  }

  /** §3.4.4: WSP runs inside the line become one SP, WSP at its end goes. */
  private static byte[] relaxedLine(byte[] message, int start, int end) {
    ByteArrayOutputStream line = new ByteArrayOutputStream(end - start);
    boolean pendingSpace = false;
    for (int i = start; i < end; i++) {
      byte b = message[i];
      if (b == ' ' || b == '\t') {
        pendingSpace = true;
        continue;
      }
      if (pendingSpace) {
        line.write(' ');
        pendingSpace = false;
      }
      line.write(b);
    }
    return line.toByteArray();
  }
}
