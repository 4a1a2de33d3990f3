package dev.mailvault.imap.fetch;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds a part in the BODY data stored with a message (RFC 9051 §7.5.2) and tells what BINARY needs
 * of it: whether it exists, and its transfer encoding. Reading the stored data spares re-parsing
 * the message. Parts are numbered as the section reader numbers them (RFC 9051 §6.4.5): the
 * children of a multipart from 1, a part that is not a multipart is its own part 1, and numbers
 * after a message/rfc822 part continue inside its encapsulated message.
 */
final class BodyPartLocator {

  /**
   * A located part.
   *
   * @param encoding the Content-Transfer-Encoding, lower-cased; {@code 7bit} for a multipart, whose
   *     encoding RFC 2045 §6.4 restricts to an identity one
   */
  record Part(String encoding) {}

  private BodyPartLocator() {}

  /** The part at {@code numbers} (empty: the message itself), or {@code null} if there is none. */
  static Part find(String body, List<Integer> numbers) {
    Object node = new Reader(body).read();
    for (int i = 0; i < numbers.size() && node != null; i++) {
      int number = numbers.get(i);
      List<?> list = (List<?>) node;
      if (isMultipart(list)) {
        List<Object> children = children(list);
        node = number <= children.size() ? children.get(number - 1) : null;
      } else if (number != 1) {
        node = null;
      }
      if (node != null && i + 1 < numbers.size() && isMessage((List<?>) node)) {
        node = ((List<?>) node).get(8);
      }
    }
    if (node == null) {
      return null;
    }
    List<?> part = (List<?>) node;
    if (isMultipart(part) || numbers.isEmpty()) {
      // The message itself: BINARY[] answers it as stored (docs/adr/0066).
      return new Part("7bit");
    }
    Object encoding = part.size() > 5 ? part.get(5) : null;
    return new Part(encoding instanceof Str s ? s.value().toLowerCase(Locale.ROOT) : "7bit");
  }

  private static boolean isMultipart(List<?> part) {
    return !part.isEmpty() && part.get(0) instanceof List;
  }

  private static List<Object> children(List<?> multipart) {
    List<Object> children = new ArrayList<>();
    for (Object item : multipart) {
      if (!(item instanceof List)) {
        break;
      }
      children.add(item);
    }
    return children;
  }

  private static boolean isMessage(List<?> part) {
    return part.size() > 8
        && part.get(0) instanceof Str type
        && part.get(1) instanceof Str subtype
        && type.value().equalsIgnoreCase("message")
        && subtype.value().equalsIgnoreCase("rfc822")
        && part.get(8) instanceof List;
  }

  /** A string value (quoted or literal), one char per byte. */
  record Str(String value) {}

  /** Reads IMAP data: lists, quoted strings, literals, NIL (as {@code null}) and atoms. */
  private static final class Reader {
    private final String data;
    private int pos;

    Reader(String data) {
      this.data = data;
    }

    Object read() {
      while (pos < data.length() && data.charAt(pos) == ' ') {
        pos++;
      }
      if (pos >= data.length()) {
        throw new IllegalStateException("stored BODY data ends early");
      }
      char c = data.charAt(pos);
      if (c == '(') {
        pos++;
        List<Object> items = new ArrayList<>();
        while (true) {
          while (pos < data.length() && data.charAt(pos) == ' ') {
            pos++;
          }
          if (pos < data.length() && data.charAt(pos) == ')') {
            pos++;
            return items;
          }
          items.add(read());
        }
      }
      if (c == '"') {
        StringBuilder value = new StringBuilder();
        pos++;
        while (data.charAt(pos) != '"') {
          if (data.charAt(pos) == '\\') {
            pos++;
          }
          value.append(data.charAt(pos++));
        }
        pos++;
        return new Str(value.toString());
      }
      if (c == '{') {
        int close = data.indexOf('}', pos);
        int size = Integer.parseInt(data.substring(pos + 1, close));
        int from = close + 3; // past "}" CRLF
        pos = from + size;
        return new Str(data.substring(from, pos));
      }
      int start = pos;
      while (pos < data.length() && " ()".indexOf(data.charAt(pos)) < 0) {
        pos++;
      }
      String atom = data.substring(start, pos);
      return atom.equalsIgnoreCase("NIL") ? null : atom;
    }
  }
}
