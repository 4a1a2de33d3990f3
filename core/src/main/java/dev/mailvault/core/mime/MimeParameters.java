package dev.mailvault.core.mime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads the parameter list of a Content-Type or Content-Disposition value (RFC 2045 §5.1) and joins
 * RFC 2231 §3 continuations ({@code name*0}, {@code name*1*}, ...).
 *
 * <p>Like the reference server, continuations are joined but not charset-decoded: an extended value
 * keeps its {@code charset'language'} prefix and its %-escapes, and the joined parameter is named
 * {@code name*}. Plain parameters come first in message order, joined ones after, sorted by name.
 * When an index is missing, the pieces are reported unjoined.
 */
final class MimeParameters {

  /** One parameter; name and value are byte strings (one char per byte). */
  record Param(String name, String value) {}

  private record Piece(String key, String value, int index, boolean extended) {}

  private MimeParameters() {}

  static List<Param> parse(Rfc822Lexer lexer) {
    List<Param> result = new ArrayList<>();
    List<Piece> pieces = new ArrayList<>();
    String[] kv = new String[2];
    int ret;
    while ((ret = lexer.parseContentParam(kv)) != 0) {
      if (ret < 0) {
        // Try to continue after the broken parameter, one byte at a time.
        if (lexer.atEnd()) {
          break;
        }
        lexer.advance();
        continue;
      }
      String key = kv[0];
      int star = key.indexOf('*');
      boolean plain = true;
      if (star >= 0) {
        int p = star;
        int index = 0;
        if (p + 1 < key.length()) {
          p++;
          while (p < key.length() && key.charAt(p) >= '0' && key.charAt(p) <= '9') {
            index = index * 10 + (key.charAt(p) - '0');
            p++;
          }
        }
        boolean extended = p < key.length() && key.charAt(p) == '*';
        if (extended) {
          p++;
        }
        if (p >= key.length()) {
          pieces.add(new Piece(key.substring(0, star), kv[1], index, extended));
          plain = false;
        }
      }
      if (plain) {
        result.add(new Param(key, kv[1]));
      }
    }
    if (!pieces.isEmpty()) {
      joinContinuations(pieces, result);
    }
    return result;
  }

  // RFC 2231 §3: parameter continuations, possibly out of order.
  private static void joinContinuations(List<Piece> pieces, List<Param> result) {
    pieces.sort(Comparator.comparing(Piece::key).thenComparingInt(Piece::index));
    int i = 0;
    while (i < pieces.size()) {
      Piece first = pieces.get(i);
      boolean complete = true;
      boolean anyExtended = false;
      int expected = 0;
      int j = i;
      for (; j < pieces.size(); j++) {
        Piece piece = pieces.get(j);
        if (!piece.key().equalsIgnoreCase(first.key())) {
          break;
        }
        if (piece.index() != expected) {
          complete = false;
        }
        anyExtended |= piece.extended();
        expected++;
      }
      if (!complete) {
        for (int k = i; k < j; k++) {
          Piece piece = pieces.get(k);
          String name = piece.key() + "*" + piece.index() + (piece.extended() ? "*" : "");
          result.add(new Param(name, piece.value()));
        }
      } else {
        StringBuilder value = new StringBuilder();
        if (!first.extended() && anyExtended) {
          value.append("''");
        }
        for (int k = i; k < j; k++) {
          Piece piece = pieces.get(k);
          if (!piece.extended() && anyExtended) {
            value.append(piece.value().replace("%", "%25"));
          } else {
            value.append(piece.value());
          }
        }
        result.add(new Param(anyExtended ? first.key() + "*" : first.key(), value.toString()));
      }
      i = j;
    }
  }
}
