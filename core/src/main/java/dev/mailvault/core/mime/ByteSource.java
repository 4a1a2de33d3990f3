package dev.mailvault.core.mime;

import java.io.IOException;

/**
 * Random access to the raw bytes of one stored message, so a section can be read without loading
 * the whole message (the store implements it over its content segments).
 */
public interface ByteSource {

  /** The total length of the message in bytes. */
  long length();

  /** Reads {@code length} bytes starting at {@code offset}. The range lies within the message. */
  byte[] read(long offset, int length) throws IOException;

  /** A source over bytes already in memory. */
  static ByteSource of(byte[] bytes) {
    return new ByteSource() {
      @Override
      public long length() {
        return bytes.length;
      }

      @Override
      public byte[] read(long offset, int length) {
        byte[] out = new byte[length];
        System.arraycopy(bytes, Math.toIntExact(offset), out, 0, length);
        return out;
      }
    };
  }
}
