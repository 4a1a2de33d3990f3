package dev.mailvault.core.mime;

/**
 * A cursor over a structured header value (RFC 5322 §3.2, RFC 2045 §5.1) that reads atoms, dot
 * atoms, MIME tokens, quoted strings, comments and domain literals the way the reference server
 * does, so that addresses and parameters come out as it reports them.
 *
 * <p>Values are read into {@link StringBuilder}s holding one char per byte (ISO-8859-1), so 8-bit
 * bytes pass through unchanged. Methods return -1 on a syntax error, 0 when the value is used up
 * and 1 when more input follows, the convention every caller relies on.
 */
final class Rfc822Lexer {

  // atext (RFC 5322 §3.2.3) marked 1, ALPHA and DIGIT 2, atext that is a MIME tspecial 4.
  private static final byte[] ATEXT = new byte[256];

  static {
    for (int c = 0; c < 256; c++) {
      ATEXT[c] = (byte) (c >= 128 || Character.isLetterOrDigit(c) && c < 128 ? 2 : 0);
    }
    for (char c : "!#$%&'*+-^_`{|}~".toCharArray()) {
      ATEXT[c] = 1;
    }
    ATEXT['/'] = 4;
    ATEXT['='] = 4;
    ATEXT['?'] = 4;
  }

  private final byte[] data;
  private final int end;
  private int pos;
  private StringBuilder lastComment;
  private String nulReplacement;

  Rfc822Lexer(byte[] data, int start, int end) {
    this.data = data;
    this.pos = start;
    this.end = end;
  }

  static boolean isAtext(int c) {
    return ATEXT[c & 0xff] != 0;
  }

  /** RFC 2045 §5.1 token characters, with '.' allowed as the reference server does. */
  static boolean isTokenChar(int c) {
    return (ATEXT[c & 0xff] & 3) != 0 || c == '.';
  }

  /** Keeps the text of the last comment skipped (used for "addr (Name)" display names). */
  void trackComments(StringBuilder sink) {
    this.lastComment = sink;
  }

  /** Replaces NUL bytes in quoted strings, comments and domain literals (addresses only). */
  void replaceNul(String replacement) {
    this.nulReplacement = replacement;
  }

  int position() {
    return pos;
  }

  void position(int newPos) {
    this.pos = newPos;
  }

  boolean atEnd() {
    return pos >= end;
  }

  /** The current byte, or 0 past the end (the C original reads its NUL terminator there). */
  int peek() {
    return pos < end ? data[pos] & 0xff : 0;
  }

  void advance() {
    pos++;
  }

  private int more() {
    return pos < end ? 1 : 0;
  }

  int skipComment() {
    if (lastComment != null) {
      lastComment.setLength(0);
    }
    int level = 1;
    int start = ++pos;
    for (; pos < end; pos++) {
      int c = data[pos] & 0xff;
      switch (c) {
        case 0 -> {
          if (lastComment != null && nulReplacement != null) {
            appendComment(start, pos);
            lastComment.append(nulReplacement);
            start = pos + 1;
          }
        }
        case '(' -> level++;
        case ')' -> {
          if (--level == 0) {
            appendComment(start, pos);
            pos++;
            return more();
          }
        }
        case '\n' -> {
          // Folding inside a comment: the line break is not part of the text.
          if (lastComment != null) {
            appendComment(start, data[pos - 1] == '\r' && pos - 1 >= start ? pos - 1 : pos);
            start = pos + 1;
          }
        }
        case '\\' -> {
          pos++;
          if (pos >= end) {
            return -1;
          }
          int next = data[pos];
          if (next == '\r' || next == '\n' || next == 0) {
            pos--; // a backslash before a line break escapes nothing
          } else {
            appendComment(start, pos - 1);
            start = pos;
          }
        }
        default -> {
          // comment text
        }
      }
    }
    return -1;
  }

  private void appendComment(int from, int to) {
    if (lastComment != null) {
      append(lastComment, from, to);
    }
  }

  /** Skips folding white space and comments (RFC 5322 §3.2.2 CFWS). */
  int skipLwsp() {
    while (pos < end) {
      int c = data[pos];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        pos++;
        continue;
      }
      if (c != '(') {
        break;
      }
      if (skipComment() < 0) {
        return -1;
      }
    }
    return more();
  }

  int parseAtom(StringBuilder out) {
    if (pos >= end || !isAtext(data[pos])) {
      return -1;
    }
    int start = pos++;
    for (; pos < end; pos++) {
      if (!isAtext(data[pos])) {
        append(out, start, pos);
        return skipLwsp();
      }
    }
    append(out, start, pos);
    return 0;
  }

  /** RFC 5322 §3.2.3 dot-atom, allowing white space around the dots as RFC 822 did. */
  int parseDotAtom(StringBuilder out) {
    if (pos >= end || !isAtext(data[pos])) {
      return -1;
    }
    int start = pos++;
    while (pos < end) {
      if (isAtext(data[pos])) {
        pos++;
        continue;
      }
      append(out, start, pos);
      int ret = skipLwsp();
      if (ret <= 0) {
        return ret;
      }
      if (data[pos] != '.') {
        return 1;
      }
      pos++;
      out.append('.');
      ret = skipLwsp();
      if (ret <= 0) {
        return ret;
      }
      start = pos;
    }
    append(out, start, pos);
    return 0;
  }

  int parseMimeToken(StringBuilder out) {
    int start = pos;
    for (; pos < end; pos++) {
      if (!isTokenChar(data[pos] & 0xff)) {
        append(out, start, pos);
        return skipLwsp();
      }
    }
    append(out, start, pos);
    return 0;
  }

  /** RFC 5322 §3.2.4 quoted-string; quoted pairs unescaped, folding line breaks removed. */
  int parseQuotedString(StringBuilder out) {
    pos++;
    int start = pos;
    for (; pos < end; pos++) {
      int c = data[pos];
      if (c == 0) {
        if (nulReplacement != null) {
          append(out, start, pos);
          out.append(nulReplacement);
          start = pos + 1;
        }
      } else if (c == '"') {
        append(out, start, pos);
        pos++;
        return skipLwsp();
      } else if (c == '\n') {
        int stop = pos;
        if (stop > start && data[stop - 1] == '\r') {
          stop--;
        }
        append(out, start, stop);
        start = pos + 1;
      } else if (c == '\\') {
        pos++;
        if (pos >= end) {
          return -1;
        }
        int next = data[pos];
        if (next == '\r' || next == '\n' || next == 0) {
          pos--; // a backslash before a line break escapes nothing
        } else {
          append(out, start, pos - 1);
          start = pos;
        }
      }
    }
    return -1;
  }

  private int parseAtomOrDot(StringBuilder out) {
    int start = pos;
    for (; pos < end; pos++) {
      int c = data[pos];
      if (!isAtext(c) && c != '.') {
        append(out, start, pos);
        return skipLwsp();
      }
    }
    append(out, start, pos);
    return 0;
  }

  /** RFC 5322 §3.2.5 phrase, including obs-phrase (dots between words). */
  int parsePhrase(StringBuilder out) {
    if (pos >= end) {
      return 0;
    }
    if (data[pos] == '.') {
      return -1;
    }
    while (true) {
      int ret = peek() == '"' ? parseQuotedString(out) : parseAtomOrDot(out);
      if (ret <= 0) {
        return ret;
      }
      int c = peek();
      if (!isAtext(c) && c != '"' && c != '.') {
        break;
      }
      out.append(' ');
    }
    return skipLwsp();
  }

  private int parseDomainLiteral(StringBuilder out) {
    int start = pos++;
    for (; pos < end; pos++) {
      int c = data[pos];
      if (c == 0) {
        if (nulReplacement != null) {
          append(out, start, pos);
          out.append(nulReplacement);
          start = pos + 1;
        }
      } else if (c == '[') {
        return -1;
      } else if (c == ']') {
        append(out, start, pos + 1);
        pos++;
        return skipLwsp();
      } else if (c == '\n') {
        int stop = pos;
        if (stop > start && data[stop - 1] == '\r') {
          stop--;
        }
        append(out, start, stop);
        start = pos + 1;
      } else if (c == '\\') {
        pos++;
        if (pos >= end) {
          return -1;
        }
        int next = data[pos];
        if (next == '\r' || next == '\n' || next == 0) {
          append(out, start, pos);
          start = pos;
          pos--;
        }
      }
    }
    return -1;
  }

  /** Reads "@" domain (RFC 5322 §3.4.1), the cursor being on the '@'. */
  int parseDomain(StringBuilder out) {
    pos++;
    if (skipLwsp() <= 0) {
      return -1;
    }
    return data[pos] == '[' ? parseDomainLiteral(out) : parseDotAtom(out);
  }

  /**
   * RFC 2045 §5.1 type "/" subtype, written to {@code out} as "type/subtype". When either is
   * missing or something other than parameters follows, nothing is written and -1 returned: the
   * reference server then reports the type as "" "".
   */
  int parseContentType(StringBuilder out) {
    int base = out.length();
    if (skipLwsp() <= 0) {
      return -1;
    }
    if (parseMimeToken(out) <= 0 || out.length() == base) {
      return -1;
    }
    if (peek() != '/') {
      out.setLength(base);
      return -1;
    }
    pos++;
    if (skipLwsp() <= 0) {
      out.setLength(base);
      return -1;
    }
    out.append('/');
    int subtypeStart = out.length();
    int ret = parseMimeToken(out);
    if (ret < 0 || out.length() == subtypeStart || (pos < end && data[pos] != ';')) {
      out.setLength(base);
      return -1;
    }
    return ret;
  }

  /**
   * Reads one ";" attribute "=" value (RFC 2045 §5.1) into {@code keyValue}. Returns 0 at the end,
   * -1 when broken, 1 when a parameter was read.
   */
  int parseContentParam(String[] keyValue) {
    if (pos >= end) {
      return 0;
    }
    if (data[pos] != ';') {
      return -1;
    }
    pos++;
    if (skipLwsp() <= 0) {
      return -1;
    }
    StringBuilder key = new StringBuilder();
    if (parseMimeToken(key) <= 0) {
      return -1;
    }
    if (peek() != '=') {
      return -1;
    }
    pos++;
    StringBuilder value = new StringBuilder();
    int ret = skipLwsp();
    if (ret > 0) {
      if (data[pos] == '"') {
        ret = parseQuotedString(value);
      } else if (data[pos] == '=') {
        // Broken senders write name==?utf-8?b?...?=; keep the whole word.
        while (pos < end) {
          int c = data[pos];
          if (c == ';' || c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            break;
          }
          value.append((char) (c & 0xff));
          pos++;
        }
      } else {
        ret = parseMimeToken(value);
      }
    }
    keyValue[0] = key.toString();
    keyValue[1] = value.toString();
    return ret < 0 ? -1 : 1;
  }

  private void append(StringBuilder out, int from, int to) {
    for (int i = from; i < to; i++) {
      out.append((char) (data[i] & 0xff));
    }
  }
}
