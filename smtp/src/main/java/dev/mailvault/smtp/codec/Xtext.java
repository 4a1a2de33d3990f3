package dev.mailvault.smtp.codec;

/**
 * RFC 3461 §4: xtext, the encoding of ENVID and ORCPT values. {@code xchar} is any ASCII from "!"
 * to "~" except "+" and "="; anything else is {@code "+" 2HEXDIG} (upper case).
 */
final class Xtext {

  private Xtext() {}

  /** The decoded text, or null when {@code text} is not xtext. */
  static String decode(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '+') {
        if (i + 2 >= text.length()) {
          return null;
        }
        int high = hex(text.charAt(i + 1));
        int low = hex(text.charAt(i + 2));
        if (high < 0 || low < 0) {
          return null;
        }
        out.append((char) (high * 16 + low));
        i += 2;
      } else if (c >= '!' && c <= '~' && c != '=') {
        out.append(c);
      } else {
        return null;
      }
    }
    return out.toString();
  }

  /** RFC 3461 §4: HEXDIG is upper case only. */
  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }
}
