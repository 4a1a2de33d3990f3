package dev.mailvault.server.web.account;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/** RFC 4648 §6 base32 decoding, for a TOTP secret sent back by the enrolment form. */
final class Base32 {

  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private Base32() {}

  /** The bytes, or null when the text is not base32 (padding and spaces are ignored). */
  static byte[] decode(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int buffer = 0;
    int bits = 0;
    for (char c : text.toUpperCase(Locale.ROOT).toCharArray()) {
      if (c == '=' || c == ' ') {
        continue;
      }
      int v = ALPHABET.indexOf(c);
      if (v < 0) {
        return null;
      }
      buffer = (buffer << 5) | v;
      bits += 5;
      if (bits >= 8) {
        out.write((buffer >> (bits - 8)) & 0xff);
        bits -= 8;
      }
    }
    return out.toByteArray();
  }
}
