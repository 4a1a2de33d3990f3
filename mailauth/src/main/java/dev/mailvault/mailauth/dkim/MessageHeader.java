package dev.mailvault.mailauth.dkim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A message split into its header fields and the offset of its body (RFC 5322 §2.1), in one pass
 * over the bytes: a line that begins with white space continues the field before it, the first
 * empty line ends the header. A line with no colon is kept as a field with an empty name, which no
 * {@code h=} entry can name.
 */
public record MessageHeader(List<HeaderField> fields, int bodyStart) {

  public MessageHeader {
    fields = List.copyOf(fields);
  }

  /** Splits {@code message}; lines end in CRLF (a bare LF is tolerated as a line end). */
  public static MessageHeader parse(byte[] message) {
    List<HeaderField> fields = new ArrayList<>();
    int fieldStart = -1;
    int position = 0;
    while (position < message.length) {
      int lineEnd = lineEnd(message, position);
      boolean empty =
          lineEnd - position == 1 || (lineEnd - position == 2 && message[position] == '\r');
      if (empty && message[lineEnd - 1] == '\n') {
        close(message, fieldStart, position, fields);
        return new MessageHeader(fields, lineEnd);
      }
      boolean continuation = message[position] == ' ' || message[position] == '\t';
      if (!continuation || fieldStart < 0) {
        close(message, fieldStart, position, fields);
        fieldStart = position;
      }
      position = lineEnd;
    }
    close(message, fieldStart, position, fields);
    return new MessageHeader(fields, message.length);
  }

  /** The fields named {@code name}, top to bottom. */
  public List<HeaderField> named(String name) {
    List<HeaderField> named = new ArrayList<>();
    for (HeaderField field : fields) {
      if (field.isNamed(name)) {
        named.add(field);
      }
    }
    return named;
  }

  /** The index just past the LF ending the line at {@code from}, or the end of the message. */
  private static int lineEnd(byte[] message, int from) {
    for (int i = from; i < message.length; i++) {
      if (message[i] == '\n') {
        return i + 1;
      }
    }
    return message.length;
  }

  private static void close(byte[] message, int start, int end, List<HeaderField> fields) {
    if (start < 0 || end <= start) {
      return;
    }
    byte[] raw = java.util.Arrays.copyOfRange(message, start, end);
    int colon = HeaderField.colon(raw);
    String name = "";
    if (colon > 0) {
      int nameEnd = colon;
      // RFC 5322 §4.5 (obsolete syntax): white space may stand before the colon.
      while (nameEnd > 0 && (raw[nameEnd - 1] == ' ' || raw[nameEnd - 1] == '\t')) {
        nameEnd--;
      }
      name = new String(raw, 0, nameEnd, StandardCharsets.ISO_8859_1);
    }
    fields.add(new HeaderField(name, raw));
  }
}
