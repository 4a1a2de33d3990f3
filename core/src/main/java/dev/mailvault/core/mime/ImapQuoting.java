package dev.mailvault.core.mime;

/**
 * Writes strings in IMAP data syntax (RFC 9051 §4.3): NIL, a quoted string, or a literal {N}
 * followed by CRLF and the N bytes when a quoted string cannot carry the value (CR, LF or 8-bit
 * bytes, RFC 9051 §9 "QUOTED-CHAR"). The choices follow the reference server byte for byte, so
 * ENVELOPE and BODYSTRUCTURE come out as it sends them. Values are byte strings (one char per
 * byte), as is the output.
 */
final class ImapQuoting {

  // More than this many characters needing a backslash make a literal the shorter form.
  private static final int QUOTED_MAX_ESCAPES = 4;

  private ImapQuoting() {}

  static void nstring(StringBuilder out, String value) {
    if (value == null) {
      out.append("NIL");
      return;
    }
    String s = cutAtNul(value);
    int escapes = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        if (escapes++ < QUOTED_MAX_ESCAPES) {
          continue;
        }
        literal(out, s);
        return;
      }
      if (c == '\r' || c == '\n' || c >= 0x80) {
        literal(out, s);
        return;
      }
    }
    quoted(out, s);
  }

  /** Like {@link #nstring} with line breaks removed, keeping a blank where lines were joined. */
  static void nstringWithoutLineBreaks(StringBuilder out, String value) {
    if (value == null || (value.indexOf('\r') < 0 && value.indexOf('\n') < 0)) {
      nstring(out, value);
      return;
    }
    String s = cutAtNul(value);
    StringBuilder joined = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\r' && c != '\n') {
        joined.append(c);
        continue;
      }
      char next = i + 1 < s.length() ? s.charAt(i + 1) : '\0';
      if (next != ' ' && next != '\t' && next != '\r' && next != '\n' && next != '\0') {
        joined.append(' ');
      }
    }
    nstring(out, joined.toString());
  }

  /**
   * Writes a value meant for people (subject, display names): tabs become spaces, runs of white
   * space one space, line breaks and leading/trailing white space go, NUL becomes 0x80.
   */
  static void forHumans(StringBuilder out, String src) {
    int size = src.length();
    int removeCount = 0;
    boolean whitespacePrefix = true;
    boolean lastLwsp = true;
    boolean modify = false;
    for (int i = 0; i < size; i++) {
      char c = src.charAt(i);
      switch (c) {
        case 0 -> {
          lastLwsp = false;
          modify = true;
        }
        case '\t', ' ' -> {
          if (c == '\t') {
            modify = true;
          }
          if (lastLwsp) {
            modify = true;
            removeCount++;
          }
          lastLwsp = true;
        }
        case '\r', '\n' -> {
          removeCount++;
          modify = true;
        }
        case '"', '\\' -> {
          modify = true;
          lastLwsp = false;
        }
        default -> {
          if (c >= 0x80) {
            modify = true;
          }
          lastLwsp = false;
        }
      }
      if (!lastLwsp) {
        whitespacePrefix = false;
      }
    }
    if (lastLwsp && size > 0 && !whitespacePrefix) {
      modify = true;
      removeCount++;
    }
    if (!modify) {
      out.append('"').append(src).append('"');
      return;
    }
    if (size == removeCount) {
      out.append("\"\"");
      return;
    }
    out.append('{').append(size - removeCount).append("}\r\n");
    int mark = out.length();
    lastLwsp = true;
    whitespacePrefix = true;
    for (int i = 0; i < size; i++) {
      char c = src.charAt(i);
      switch (c) {
        case 0 -> {
          out.append((char) 0x80);
          lastLwsp = false;
        }
        case '\t', ' ' -> {
          if (!lastLwsp) {
            out.append(' ');
          }
          lastLwsp = true;
        }
        case '\r', '\n' -> {
          // dropped
        }
        default -> {
          lastLwsp = false;
          out.append(c);
        }
      }
      if (!lastLwsp) {
        whitespacePrefix = false;
      }
    }
    if (lastLwsp && size > 0 && !whitespacePrefix) {
      out.setLength(out.length() - 1);
    }
    assert out.length() - mark == size - removeCount;
  }

  private static void literal(StringBuilder out, String s) {
    out.append('{').append(s.length()).append("}\r\n").append(s);
  }

  private static void quoted(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\r' || c == '\n' || c >= 0x80) {
        continue;
      }
      if (c == '"' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    out.append('"');
  }

  // The reference server handles values as C strings, which end at the first NUL.
  private static String cutAtNul(String s) {
    int nul = s.indexOf('\0');
    return nul < 0 ? s : s.substring(0, nul);
  }
}
