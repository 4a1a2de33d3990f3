package dev.mailvault.core.sieve;

/**
 * Decodes {@code ${hex:...}} and {@code ${unicode:...}} in strings (RFC 5228 §2.4.2.4). A sequence
 * that is not well formed is left as it is, as the RFC requires.
 */
final class EncodedCharacters {

  private EncodedCharacters() {}

  static String decode(String s) {
    if (!s.contains("${")) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    // The next '}' is searched again only once passed, so "${${${..." costs linear time.
    int close = -1;
    while (i < s.length()) {
      int start = s.indexOf("${", i);
      if (start < 0) {
        break;
      }
      out.append(s, i, start);
      if (close != Integer.MAX_VALUE && close < start) {
        close = s.indexOf('}', start);
        close = close < 0 ? Integer.MAX_VALUE : close;
      }
      String decoded =
          close == Integer.MAX_VALUE || s.lastIndexOf("${", close) != start
              ? null
              : decodeOne(s.substring(start + 2, close));
      if (decoded == null) {
        out.append("${");
        i = start + 2;
      } else {
        out.append(decoded);
        i = close + 1;
      }
    }
    out.append(s, i, s.length());
    return out.toString();
  }

  // encoded-arb-octets = "${hex:" hex-pair-seq "}"; encoded-unicode-char = "${unicode:" ... "}"
  private static String decodeOne(String inside) {
    int colon = inside.indexOf(':');
    if (colon < 0) {
      return null;
    }
    String kind = inside.substring(0, colon);
    String[] items = inside.substring(colon + 1).strip().split("[ \\t\\r\\n]+");
    if (items.length == 0 || items[0].isEmpty()) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    if (kind.equalsIgnoreCase("hex")) {
      byte[] bytes = new byte[items.length];
      for (int k = 0; k < items.length; k++) {
        if (!items[k].matches("[0-9a-fA-F]{1,2}")) {
          return null;
        }
        bytes[k] = (byte) Integer.parseInt(items[k], 16);
      }
      return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }
    if (kind.equalsIgnoreCase("unicode")) {
      for (String item : items) {
        if (!item.matches("[0-9a-fA-F]{1,6}")) {
          return null;
        }
        int cp = Integer.parseInt(item, 16);
        // RFC 5228 §2.4.2.4: surrogates and values above U+10FFFF are errors; leave them.
        if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
          return null;
        }
        sb.appendCodePoint(cp);
      }
      return sb.toString();
    }
    return null;
  }
}
