package dev.mailvault.imap.fetch;

import java.util.Arrays;

/** The {@code <origin.length>} cut of RFC 9051 §6.4.5. */
final class Partials {

  private Partials() {}

  /**
   * Octets {@code [offset, offset + length)} of {@code bytes}, truncated at the end; an origin
   * beyond the end gives the empty string (RFC 9051 §6.4.5).
   */
  static byte[] slice(byte[] bytes, long offset, long length) {
    if (offset >= bytes.length) {
      return new byte[0];
    }
    long end = Math.min(bytes.length, offset + Math.min(length, bytes.length));
    if (offset == 0 && end == bytes.length) {
      return bytes;
    }
    return Arrays.copyOfRange(bytes, (int) offset, (int) end);
  }
}
