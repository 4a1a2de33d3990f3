package dev.mailvault.core.mime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A small reader of IMAP response data (RFC 9051 §4) for tests: atoms, NIL, numbers, quoted
 * strings, literals and parenthesized lists. Quoted strings and literals with the same bytes are
 * equal; NIL is case-insensitive.
 */
public sealed interface SExpr {

  public record Atom(String text) implements SExpr {}

  public record Str(byte[] bytes) implements SExpr {
    @Override
    public boolean equals(Object o) {
      return o instanceof Str s && Arrays.equals(bytes, s.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return "\"" + new String(bytes, StandardCharsets.ISO_8859_1) + "\"";
    }

    String text() {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
  }

  /** A literal whose content was not recorded: only its size and SHA-256. */
  public record Omitted(int size, String sha256) implements SExpr {}

  public record Nil() implements SExpr {
    @Override
    public String toString() {
      return "NIL";
    }
  }

  public record ListExpr(List<SExpr> items) implements SExpr {
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder("(");
      for (int i = 0; i < items.size(); i++) {
        sb.append(i > 0 ? " " : "").append(items.get(i));
      }
      return sb.append(')').toString();
    }
  }

  /** Parses one value from a byte string (one char per byte). */
  public static SExpr parse(String latin1) {
    Reader r = new Reader(latin1.getBytes(StandardCharsets.ISO_8859_1), List.of());
    SExpr value = r.read();
    r.skipSpaces();
    if (!r.atEnd()) {
      throw new IllegalArgumentException("trailing data at " + r.pos + " in " + latin1);
    }
    return value;
  }

  /** A cursor that reads values one after another; omitted literals take their hashes in order. */
  final class Reader {
    final byte[] data;
    public int pos;
    private final List<String[]> hashes;
    private int nextHash;

    public Reader(byte[] data, List<String[]> hashes) {
      this.data = data;
      this.hashes = hashes;
    }

    boolean atEnd() {
      return pos >= data.length;
    }

    void skipSpaces() {
      while (pos < data.length && data[pos] == ' ') {
        pos++;
      }
    }

    int peek() {
      return pos < data.length ? data[pos] & 0xff : -1;
    }

    public SExpr read() {
      skipSpaces();
      if (atEnd()) {
        throw new IllegalArgumentException("unexpected end");
      }
      int c = peek();
      if (c == '(') {
        pos++;
        List<SExpr> items = new ArrayList<>();
        while (true) {
          skipSpaces();
          if (peek() == ')') {
            pos++;
            return new ListExpr(items);
          }
          if (atEnd()) {
            throw new IllegalArgumentException("unclosed list");
          }
          items.add(read());
        }
      }
      if (c == '"') {
        pos++;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        while (true) {
          if (atEnd()) {
            throw new IllegalArgumentException("unclosed quoted string");
          }
          int b = data[pos++] & 0xff;
          if (b == '"') {
            return new Str(out.toByteArray());
          }
          if (b == '\\') {
            b = data[pos++] & 0xff;
          }
          if (b == '\r' || b == '\n') {
            throw new IllegalArgumentException("line break in quoted string");
          }
          out.write(b);
        }
      }
      if (c == '{') {
        int close = pos;
        while (close < data.length && data[close] != '}') {
          close++;
        }
        int size =
            Integer.parseInt(new String(data, pos + 1, close - pos - 1, StandardCharsets.US_ASCII));
        pos = close + 1;
        if (pos + 1 < data.length && data[pos] == '\r' && data[pos + 1] == '\n') {
          pos += 2;
          byte[] content = Arrays.copyOfRange(data, pos, pos + size);
          if (content.length != size) {
            throw new IllegalArgumentException("short literal");
          }
          pos += size;
          return new Str(content);
        }
        String[] h = hashes.get(nextHash++);
        if (Integer.parseInt(h[0]) != size) {
          throw new IllegalArgumentException("hash line does not match literal size");
        }
        return new Omitted(size, h[1]);
      }
      int start = pos;
      int depth = 0;
      while (pos < data.length) {
        int b = data[pos] & 0xff;
        if (b == '[') {
          depth++;
        } else if (b == ']') {
          depth--;
        } else if (depth == 0 && (b == ' ' || b == '(' || b == ')')) {
          break;
        }
        pos++;
      }
      if (pos == start) {
        throw new IllegalArgumentException("empty atom at " + pos);
      }
      String atom = new String(data, start, pos - start, StandardCharsets.ISO_8859_1);
      return atom.equalsIgnoreCase("NIL") ? new Nil() : new Atom(atom);
    }
  }

  /** A string lower-cased, for the comparisons the corpus README makes case-insensitively. */
  public static SExpr lower(SExpr e) {
    if (e instanceof Str s) {
      return new Str(s.text().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.ISO_8859_1));
    }
    return e;
  }
}
