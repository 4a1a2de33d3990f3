package dev.mailvault.imap.fetch;

import java.io.ByteArrayOutputStream;

/**
 * Undoes a Content-Transfer-Encoding for BINARY (RFC 3516 §4.2): identity for 7bit, 8bit and
 * binary, decoding for base64 (RFC 2045 §6.8) and quoted-printable (§6.7). Decoding is lenient, as
 * RFC 2045 asks of readers: characters outside the base64 alphabet are skipped, a broken {@code =}
 * escape is kept as it is (docs/adr/0066).
 */
final class TransferDecoder {

  private static final byte[] BASE64 = new byte[256];

  static {
    java.util.Arrays.fill(BASE64, (byte) -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < alphabet.length(); i++) {
      BASE64[alphabet.charAt(i)] = (byte) i;
    }
  }

  private TransferDecoder() {}

  /**
   * @param encoding the encoding's name, lower-cased
   * @throws UnknownTransferEncodingException for any other encoding (RFC 3516 §4.3)
   */
  static byte[] decode(byte[] raw, String encoding) throws UnknownTransferEncodingException {
    return switch (encoding) {
      case "7bit", "8bit", "binary" -> raw;
      case "base64" -> base64(raw);
      case "quoted-printable" -> quotedPrintable(raw);
      default -> throw new UnknownTransferEncodingException();
    };
  }

  static byte[] base64(byte[] raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length * 3 / 4 + 3);
    int bits = 0;
    int count = 0;
    for (int i = 0; i < raw.length; i++) {
      int b = raw[i] & 0xff;
      if (b == '=') {
        // Padding ends a quantum: flush the whole bytes it holds; what follows starts afresh.
        flush(out, bits, count);
        bits = 0;
        count = 0;
        continue;
      }
      int v = BASE64[b];
      if (v < 0) {
        continue;
      }
      bits = (bits << 6) | v;
      if (++count == 4) {
        out.write(bits >> 16);
        out.write(bits >> 8);
        out.write(bits);
        bits = 0;
        count = 0;
      }
    }
    // A last quantum without its padding still holds whole bytes.
    flush(out, bits, count);
    return out.toByteArray();
  }

  private static void flush(ByteArrayOutputStream out, int bits, int count) {
    if (count == 2) {
      out.write(bits >> 4);
    } else if (count == 3) {
      out.write(bits >> 10);
      out.write(bits >> 2);
    }
  }

  static byte[] quotedPrintable(byte[] raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
    // RFC 2045 §6.7 rule 3: white space at the end of an encoded line is transport padding and is
    // deleted on decoding, so literal spaces and tabs wait here until something else follows.
    int pendingFrom = -1;
    int i = 0;
    int n = raw.length;
    while (i < n) {
      int b = raw[i] & 0xff;
      if (b == ' ' || b == '\t') {
        if (pendingFrom < 0) {
          pendingFrom = i;
        }
        i++;
        continue;
      }
      if (b == '\n' || (b == '\r' && i + 1 < n && raw[i + 1] == '\n')) {
        pendingFrom = -1; // a hard line break: the padding before it goes
        out.write(b);
        i++;
        continue;
      }
      if (pendingFrom >= 0) {
        out.write(raw, pendingFrom, i - pendingFrom);
        pendingFrom = -1;
      }
      if (b != '=') {
        out.write(b);
        i++;
        continue;
      }
      // RFC 2045 §6.7 rule 5: "=" ending a line (maybe after white space) is a soft line break.
      int j = i + 1;
      while (j < n && (raw[j] == ' ' || raw[j] == '\t')) {
        j++;
      }
      if (j < n && raw[j] == '\n') {
        i = j + 1;
        continue;
      }
      if (j + 1 < n && raw[j] == '\r' && raw[j + 1] == '\n') {
        i = j + 2;
        continue;
      }
      if (j == n) {
        i = n;
        continue;
      }
      if (i + 2 < n && hex(raw[i + 1]) >= 0 && hex(raw[i + 2]) >= 0) {
        out.write(hex(raw[i + 1]) << 4 | hex(raw[i + 2]));
        i += 3;
        continue;
      }
      out.write(b);
      i++;
    }
    // White space at the very end of the body ends its last line: padding too.
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
