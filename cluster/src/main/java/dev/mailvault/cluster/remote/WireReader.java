package dev.mailvault.cluster.remote;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one payload from a peer, which may be hostile: every length is checked against the bytes
 * that remain before anything is allocated, nesting is bounded, and a failure is a {@link
 * WireFormatException}.
 */
final class WireReader {

  /** Reads one value. */
  @FunctionalInterface
  interface Decoder<T> {
    T read(WireReader in) throws WireFormatException;
  }

  /** How deep search queries and threads may nest; IMAP's own parsers stop well before. */
  static final int MAX_DEPTH = 64;

  private final byte[] bytes;
  private int pos;
  private int depth;

  WireReader(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * Decodes a whole payload; trailing bytes, and any refusal of a record's checks, fail cleanly.
   */
  static <T> T decode(byte[] payload, Decoder<T> decoder) throws WireFormatException {
    if (payload == null) {
      throw new WireFormatException("no payload");
    }
    WireReader in = new WireReader(payload);
    T value;
    try {
      value = decoder.read(in);
    } catch (RuntimeException e) {
      // a record's constructor refused a value (bad UID range, keyword, date): the payload is bad
      throw new WireFormatException("payload refused: " + e.getClass().getSimpleName());
    }
    if (in.remaining() != 0) {
      throw new WireFormatException("trailing bytes in payload");
    }
    return value;
  }

  /** Refuses bytes left after the last field. */
  void finish() throws WireFormatException {
    if (remaining() != 0) {
      throw new WireFormatException("trailing bytes in payload");
    }
  }

  int remaining() {
    return bytes.length - pos;
  }

  private void need(long n) throws WireFormatException {
    if (n < 0 || n > remaining()) {
      throw new WireFormatException("payload truncated");
    }
  }

  int readByte() throws WireFormatException {
    need(1);
    return bytes[pos++] & 0xff;
  }

  boolean readBool() throws WireFormatException {
    int b = readByte();
    if (b > 1) {
      throw new WireFormatException("not a boolean");
    }
    return b == 1;
  }

  int readInt() throws WireFormatException {
    need(4);
    int v =
        ((bytes[pos] & 0xff) << 24)
            | ((bytes[pos + 1] & 0xff) << 16)
            | ((bytes[pos + 2] & 0xff) << 8)
            | (bytes[pos + 3] & 0xff);
    pos += 4;
    return v;
  }

  long readLong() throws WireFormatException {
    long high = readInt() & 0xffff_ffffL;
    long low = readInt() & 0xffff_ffffL;
    return (high << 32) | low;
  }

  /** A count of items that take at least {@code minBytes} each: bounded by what remains. */
  int readCount(int minBytes) throws WireFormatException {
    int n = readInt();
    if (n < 0 || (long) n * minBytes > remaining()) {
      throw new WireFormatException("count larger than the payload");
    }
    return n;
  }

  byte[] readBytes() throws WireFormatException {
    int n = readCount(1);
    byte[] out = new byte[n];
    System.arraycopy(bytes, pos, out, 0, n);
    pos += n;
    return out;
  }

  String readString() throws WireFormatException {
    int n = readCount(1);
    try {
      String s =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes, pos, n))
              .toString();
      pos += n;
      return s;
    } catch (CharacterCodingException e) {
      throw new WireFormatException("string is not UTF-8");
    }
  }

  String readNullableString() throws WireFormatException {
    return readBool() ? readString() : null;
  }

  Instant readInstant() throws WireFormatException {
    long seconds = readLong();
    int nanos = readInt();
    if (nanos < 0 || nanos > 999_999_999) {
      throw new WireFormatException("bad instant");
    }
    return Instant.ofEpochSecond(seconds, nanos);
  }

  Instant readNullableInstant() throws WireFormatException {
    return readBool() ? readInstant() : null;
  }

  <T> List<T> readList(int minBytes, Decoder<T> decoder) throws WireFormatException {
    int n = readCount(minBytes);
    List<T> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(decoder.read(this));
    }
    return out;
  }

  long[] readLongs() throws WireFormatException {
    int n = readCount(8);
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = readLong();
    }
    return out;
  }

  /** An enum constant by name, so that reordering a Java enum never changes a meaning. */
  <E extends Enum<E>> E readEnum(E[] values) throws WireFormatException {
    String name = readString();
    for (E value : values) {
      if (value.name().equals(name)) {
        return value;
      }
    }
    throw new WireFormatException("unknown tag");
  }

  /** Enters one level of nesting; {@link #exit} leaves it. */
  void enter() throws WireFormatException {
    if (++depth > MAX_DEPTH) {
      throw new WireFormatException("nested too deep");
    }
  }

  void exit() {
    depth--;
  }
}
