package dev.mailvault.core.mime;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the header section of an entity into fields (RFC 5322 §2.2), tolerating what real mail
 * contains: bare LF line ends, lines without a colon (kept as fields named after the whole line), a
 * continuation line at the very start, and a header that runs to the end of the message or into a
 * multipart delimiter line without the empty line that should end it.
 */
final class HeaderParser {

  /**
   * The header of one entity.
   *
   * @param fields the fields in order
   * @param bodyStart where the body begins: after the empty line, or where the header stopped
   * @param blankLine where the empty line that ended the header (RFC 5322 §2.1) begins, or -1
   */
  record Result(List<HeaderField> fields, int bodyStart, int blankLine) {

    boolean endedByBlankLine() {
      return blankLine >= 0;
    }
  }

  private HeaderParser() {}

  /**
   * Parses the header starting at {@code start}. When a line there is a delimiter of a boundary in
   * {@code open}, the header stops before it, and the line break before the delimiter belongs to
   * the delimiter (RFC 2046 §5.1.1), not to the header.
   */
  static Result parse(byte[] raw, int start, BoundaryStack open) {
    List<HeaderField> fields = new ArrayList<>();
    int n = raw.length;
    int pos = start;
    int previousNewline = 0;
    while (true) {
      if (pos >= n) {
        return new Result(fields, n, -1);
      }
      if (open != null && BoundaryStack.find(open, raw, pos) != null) {
        return new Result(fields, pos - previousNewline, -1);
      }
      int blank =
          raw[pos] == '\n' ? 1 : raw[pos] == '\r' && pos + 1 < n && raw[pos + 1] == '\n' ? 2 : 0;
      if (blank > 0) {
        return new Result(fields, pos + blank, pos);
      }
      HeaderField field = readField(raw, pos);
      fields.add(field);
      previousNewline = field.newlineLength();
      pos = field.end();
    }
  }

  private static HeaderField readField(byte[] raw, int start) {
    int n = raw.length;
    int colon = -1;
    int i = start;
    for (; i < n; i++) {
      byte b = raw[i];
      if (b == ':') {
        colon = i;
        break;
      }
      if (b == '\n') {
        break;
      }
    }
    int firstLf = BoundaryStack.indexOf(raw, (byte) '\n', Math.max(i, start), n);
    int firstContentEnd = contentEnd(raw, start, firstLf < 0 ? n : firstLf);
    // Continuation lines begin with white space (RFC 5322 §2.2.3).
    int lf = firstLf;
    while (lf >= 0 && lf + 1 < n && (raw[lf + 1] == ' ' || raw[lf + 1] == '\t')) {
      lf = BoundaryStack.indexOf(raw, (byte) '\n', lf + 1, n);
    }
    int end = lf < 0 ? n : lf + 1;
    int lastContentEnd = lf < 0 ? n : contentEnd(raw, start, lf);
    int newline = lf < 0 ? 0 : (lf > start && raw[lf - 1] == '\r' ? 2 : 1);
    String name;
    int valueStart;
    if (colon < 0) {
      name = latin1(raw, start, firstContentEnd);
      valueStart = firstContentEnd;
      lastContentEnd = Math.max(lastContentEnd, valueStart);
    } else {
      int nameEnd = colon;
      while (nameEnd > start && isLwsp(raw[nameEnd - 1])) {
        nameEnd--;
      }
      name = latin1(raw, start, nameEnd);
      valueStart = colon + 1;
      int p = valueStart;
      while (p < firstContentEnd && isLwsp(raw[p])) {
        p++;
      }
      if (p == firstContentEnd && firstContentEnd > valueStart) {
        // A value of only white space loses just the one blank after the colon.
        p = valueStart + 1;
      }
      valueStart = p;
    }
    return new HeaderField(
        name, start, end, valueStart, Math.max(lastContentEnd, valueStart), newline);
  }

  /** End of a line's content: before the CR of a CRLF ending at {@code lf}. */
  private static int contentEnd(byte[] raw, int lineStart, int lf) {
    if (lf < raw.length && lf > lineStart && raw[lf - 1] == '\r' && raw[lf] == '\n') {
      return lf - 1;
    }
    return lf;
  }

  static boolean isLwsp(byte b) {
    return b == ' ' || b == '\t';
  }

  static String latin1(byte[] raw, int from, int to) {
    return new String(
        raw, from, Math.max(0, to - from), java.nio.charset.StandardCharsets.ISO_8859_1);
  }
}
