package dev.mailvault.core.sieve;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a script into tokens (RFC 5228 §8.1): identifiers, tags, numbers with K/M/G quantifiers,
 * quoted strings with {@code \} escapes (§2.4.2), multi-line {@code text:} strings with
 * dot-stuffing (§2.4.2), {@code #} and bracketed comments (§2.3). Work and memory are linear in the
 * source, which the caller has bounded.
 */
final class SieveLexer {

  /** The longest string literal accepted (a vacation reason is the longest real one). */
  static final int MAX_STRING = 32 * 1024;

  private final String src;
  private int pos;
  private int line = 1;

  private SieveLexer(String src) {
    this.src = src;
  }

  static List<Token> tokens(String source) throws SieveSyntaxException {
    return new SieveLexer(source).run();
  }

  private List<Token> run() throws SieveSyntaxException {
    List<Token> out = new ArrayList<>();
    while (true) {
      skipSpaceAndComments();
      if (pos >= src.length()) {
        out.add(new Token(Token.Kind.END, "", 0, line));
        return out;
      }
      out.add(next());
    }
  }

  private Token next() throws SieveSyntaxException {
    char c = src.charAt(pos);
    int at = line;
    switch (c) {
      case '[':
        pos++;
        return punct(Token.Kind.LEFT_BRACKET, at);
      case ']':
        pos++;
        return punct(Token.Kind.RIGHT_BRACKET, at);
      case ',':
        pos++;
        return punct(Token.Kind.COMMA, at);
      case '(':
        pos++;
        return punct(Token.Kind.LEFT_PAREN, at);
      case ')':
        pos++;
        return punct(Token.Kind.RIGHT_PAREN, at);
      case '{':
        pos++;
        return punct(Token.Kind.LEFT_BRACE, at);
      case '}':
        pos++;
        return punct(Token.Kind.RIGHT_BRACE, at);
      case ';':
        pos++;
        return punct(Token.Kind.SEMICOLON, at);
      case '"':
        return quoted();
      case ':':
        pos++;
        if (pos >= src.length() || !identifierStart(src.charAt(pos))) {
          throw new SieveSyntaxException(at, "a tag needs a name after ':'");
        }
        return new Token(Token.Kind.TAG, identifier(), 0, at);
      default:
        break;
    }
    if (c >= '0' && c <= '9') {
      return number();
    }
    if (identifierStart(c)) {
      String name = identifier();
      if (name.equalsIgnoreCase("text") && pos < src.length() && src.charAt(pos) == ':') {
        pos++;
        return multiLine(at);
      }
      return new Token(Token.Kind.IDENTIFIER, name, 0, at);
    }
    throw new SieveSyntaxException(at, "unexpected character " + printable(c));
  }

  private static Token punct(Token.Kind kind, int line) {
    return new Token(kind, "", 0, line);
  }

  private void skipSpaceAndComments() throws SieveSyntaxException {
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == '\n') {
        line++;
        pos++;
      } else if (c == ' ' || c == '\t' || c == '\r') {
        pos++;
      } else if (c == '#') {
        while (pos < src.length() && src.charAt(pos) != '\n') {
          pos++;
        }
      } else if (c == '/' && pos + 1 < src.length() && src.charAt(pos + 1) == '*') {
        int start = line;
        int close = src.indexOf("*/", pos + 2);
        if (close < 0) {
          throw new SieveSyntaxException(start, "unterminated comment");
        }
        countLines(pos, close + 2);
        pos = close + 2;
      } else {
        return;
      }
    }
  }

  private String identifier() {
    int start = pos;
    while (pos < src.length() && identifierPart(src.charAt(pos))) {
      pos++;
    }
    return src.substring(start, pos);
  }

  private Token number() throws SieveSyntaxException {
    int at = line;
    long value = 0;
    while (pos < src.length() && src.charAt(pos) >= '0' && src.charAt(pos) <= '9') {
      value = value * 10 + (src.charAt(pos) - '0');
      if (value > Integer.MAX_VALUE) {
        throw new SieveSyntaxException(at, "number too large");
      }
      pos++;
    }
    if (pos < src.length()) {
      // RFC 5228 §2.4.1: QUANTIFIER = "K" / "M" / "G", case-insensitive.
      char q = Character.toUpperCase(src.charAt(pos));
      long factor = q == 'K' ? 1L << 10 : q == 'M' ? 1L << 20 : q == 'G' ? 1L << 30 : 1;
      if (factor > 1) {
        pos++;
        value *= factor;
      }
    }
    if (pos < src.length() && identifierPart(src.charAt(pos))) {
      throw new SieveSyntaxException(at, "malformed number");
    }
    return new Token(Token.Kind.NUMBER, "", value, at);
  }

  // RFC 5228 §2.4.2: "\" followed by any character stands for that character.
  private Token quoted() throws SieveSyntaxException {
    int at = line;
    pos++;
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos >= src.length()) {
        throw new SieveSyntaxException(at, "unterminated string");
      }
      char c = src.charAt(pos++);
      if (c == '"') {
        break;
      }
      if (c == '\\') {
        if (pos >= src.length()) {
          throw new SieveSyntaxException(at, "unterminated string");
        }
        c = src.charAt(pos++);
      }
      if (c == '\n') {
        line++;
      }
      append(sb, c, at);
    }
    return new Token(Token.Kind.STRING, sb.toString(), 0, at);
  }

  // RFC 5228 §2.4.2: "text:" *(SP / HTAB) (hash-comment / CRLF), lines, "." CRLF.
  private Token multiLine(int at) throws SieveSyntaxException {
    while (pos < src.length() && (src.charAt(pos) == ' ' || src.charAt(pos) == '\t')) {
      pos++;
    }
    if (pos < src.length() && src.charAt(pos) == '#') {
      while (pos < src.length() && src.charAt(pos) != '\n') {
        pos++;
      }
    }
    if (pos < src.length() && src.charAt(pos) == '\r') {
      pos++;
    }
    if (pos >= src.length() || src.charAt(pos) != '\n') {
      throw new SieveSyntaxException(at, "text: must be followed by a line break");
    }
    pos++;
    line++;
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos >= src.length()) {
        throw new SieveSyntaxException(at, "unterminated text: string (no line with a single '.')");
      }
      int eol = src.indexOf('\n', pos);
      int end = eol < 0 ? src.length() : eol;
      int contentEnd = end > pos && src.charAt(end - 1) == '\r' ? end - 1 : end;
      String content = src.substring(pos, contentEnd);
      pos = eol < 0 ? src.length() : eol + 1;
      line++;
      if (content.equals(".")) {
        return new Token(Token.Kind.STRING, sb.toString(), 0, at);
      }
      // Dot-stuffing: a line that begins with "." has one more in the script.
      String text = content.startsWith(".") ? content.substring(1) : content;
      for (int i = 0; i < text.length(); i++) {
        append(sb, text.charAt(i), at);
      }
      append(sb, '\r', at);
      append(sb, '\n', at);
    }
  }

  private static void append(StringBuilder sb, char c, int line) throws SieveSyntaxException {
    if (sb.length() >= MAX_STRING) {
      throw new SieveSyntaxException(line, "string longer than " + MAX_STRING + " characters");
    }
    sb.append(c);
  }

  private void countLines(int from, int to) {
    for (int i = from; i < to; i++) {
      if (src.charAt(i) == '\n') {
        line++;
      }
    }
  }

  private static boolean identifierStart(char c) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean identifierPart(char c) {
    return identifierStart(c) || (c >= '0' && c <= '9');
  }

  private static String printable(char c) {
    return c >= 0x21 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
  }
}
