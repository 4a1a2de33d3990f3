package dev.mailvault.core.mime;

import java.io.ByteArrayOutputStream;

/**
 * Lenient decoders for the content transfer encodings of RFC 2045 §6.7 (quoted-printable) and §6.8
 * (base64), for search text and previews: characters outside the alphabet are skipped and broken
 * escapes are kept as they are, never an exception.
 */
final class TransferDecoding {

  private static final byte[] BASE64 = new byte[256];

  static {
    java.util.Arrays.fill(BASE64, (byte) -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < alphabet.length(); i++) {
      BASE64[alphabet.charAt(i)] = (byte) i;
    }
  }

  private TransferDecoding() {}

  /**
   * Whether {@code encoding} changes the bytes (base64, quoted-printable); others pass as they are.
   */
  static boolean transforms(String encoding) {
    return encoding != null
        && (encoding.equalsIgnoreCase("base64") || encoding.equalsIgnoreCase("quoted-printable"));
  }

  /** Decodes {@code [from, to)} of {@code raw} by {@code encoding}; unknown encodings pass. */
  static byte[] decode(byte[] raw, int from, int to, String encoding) {
    if (encoding != null && encoding.equalsIgnoreCase("base64")) {
      return base64(raw, from, to);
    }
    if (encoding != null && encoding.equalsIgnoreCase("quoted-printable")) {
      return quotedPrintable(raw, from, to);
    }
    return java.util.Arrays.copyOfRange(raw, from, to);
  }

  static byte[] base64(byte[] raw, int from, int to) {
    ByteArrayOutputStream out = new ByteArrayOutputStream((to - from) * 3 / 4 + 3);
    int bits = 0;
    int count = 0;
    for (int i = from; i < to; i++) {
      int b = raw[i] & 0xff;
      if (b == '=') {
        // Padding ends a quantum; what follows may begin a new one (concatenated base64).
        count = 0;
        bits = 0;
        continue;
      }
      int v = BASE64[b];
      if (v < 0) {
        continue;
      }
      bits = (bits << 6) | v;
      count++;
      if (count == 4) {
        out.write(bits >> 16);
        out.write(bits >> 8);
        out.write(bits);
        count = 0;
        bits = 0;
      } else if (count >= 2 && i + 1 < to && raw[i + 1] == '=') {
        if (count == 2) {
          out.write(bits >> 4);
        } else {
          out.write(bits >> 10);
          out.write(bits >> 2);
        }
      }
    }
    return out.toByteArray();
  }

  static byte[] quotedPrintable(byte[] raw, int from, int to) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
    int i = from;
    while (i < to) {
      int b = raw[i] & 0xff;
      if (b != '=') {
        out.write(b);
        i++;
        continue;
      }
      // RFC 2045 §6.7 rule 5: "=" at the end of a line is a soft line break.
      int j = i + 1;
      while (j < to && (raw[j] == ' ' || raw[j] == '\t')) {
        j++;
      }
      if (j < to && raw[j] == '\n') {
        i = j + 1;
        continue;
      }
      if (j + 1 < to && raw[j] == '\r' && raw[j + 1] == '\n') {
        i = j + 2;
        continue;
      }
      if (j >= to) {
        i = to;
        continue;
      }
      if (i + 2 < to && hex(raw[i + 1]) >= 0 && hex(raw[i + 2]) >= 0) {
        out.write(hex(raw[i + 1]) << 4 | hex(raw[i + 2]));
        i += 3;
        continue;
      }
      out.write(b);
      i++;
    }
    return out.toByteArray();
  }

  private static int hex(byte b) {
    if (b >= '0' && b <= '9') {
      return b - '0';
    }
    if (b >= 'A' && b <= 'F') {
      return b - 'A' + 10;
    }
    if (b >= 'a' && b <= 'f') {
      return b - 'a' + 10;
    }
    return -1;
  }
}
