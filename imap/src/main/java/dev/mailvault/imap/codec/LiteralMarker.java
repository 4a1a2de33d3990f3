package dev.mailvault.imap.codec;

/**
 * A literal announcement at the end of a line: {@code {N}}, {@code {N+}}, {@code {N-}}, optionally
 * after {@code ~} (literal8, RFC 3516 §4.2).
 *
 * @param size the announced size, or -1 when the digits do not make a 32-bit number
 * @param synchronising whether the client waits for a {@code + } continuation (RFC 9051 §7.5)
 * @param literal8 whether it was {@code ~{N}}
 * @param start the index of the marker's first byte ({@code ~} or <code>{</code>)
 */
record LiteralMarker(long size, boolean synchronising, boolean literal8, int start) {

  // RFC 9051 §9: number is 32 bits; RFC 7888 §2 keeps that for {N+}.
  private static final long MAX = 0xFFFF_FFFFL;

  /** The marker ending {@code bytes[from, to)}, or {@code null} when the line ends otherwise. */
  static LiteralMarker at(byte[] bytes, int from, int to) {
    int i = to - 1;
    if (i < from || bytes[i] != '}') {
      return null;
    }
    i--;
    boolean synchronising = true;
    if (i >= from && (bytes[i] == '+' || bytes[i] == '-')) {
      synchronising = false;
      i--;
    }
    int digitsEnd = i + 1;
    while (i >= from && bytes[i] >= '0' && bytes[i] <= '9') {
      i--;
    }
    int digitsStart = i + 1;
    if (digitsStart == digitsEnd || i < from || bytes[i] != '{') {
      return null;
    }
    boolean literal8 = i > from && bytes[i - 1] == '~';
    long size = 0;
    for (int d = digitsStart; d < digitsEnd && size >= 0; d++) {
      size = size * 10 + (bytes[d] - '0');
      if (size > MAX) {
        size = -1;
      }
    }
    return new LiteralMarker(size, synchronising, literal8, literal8 ? i - 1 : i);
  }
}
