package dev.mailvault.cluster.remote;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;

/** Builds one payload: big-endian fixed-width numbers, length-prefixed bytes and strings. */
final class WireWriter {

  /** Writes one value. */
  @FunctionalInterface
  interface Encoder<T> {
    void write(WireWriter out, T value);
  }

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  WireWriter writeByte(int b) {
    out.write(b);
    return this;
  }

  WireWriter writeBool(boolean b) {
    return writeByte(b ? 1 : 0);
  }

  WireWriter writeInt(int v) {
    out.write(v >>> 24);
    out.write(v >>> 16);
    out.write(v >>> 8);
    out.write(v);
    return this;
  }

  WireWriter writeLong(long v) {
    writeInt((int) (v >>> 32));
    return writeInt((int) v);
  }

  WireWriter writeBytes(byte[] bytes) {
    writeInt(bytes.length);
    out.write(bytes, 0, bytes.length);
    return this;
  }

  WireWriter writeString(String s) {
    return writeBytes(s.getBytes(StandardCharsets.UTF_8));
  }

  WireWriter writeNullableString(String s) {
    writeBool(s != null);
    return s == null ? this : writeString(s);
  }

  WireWriter writeInstant(Instant t) {
    writeLong(t.getEpochSecond());
    return writeInt(t.getNano());
  }

  WireWriter writeNullableInstant(Instant t) {
    writeBool(t != null);
    return t == null ? this : writeInstant(t);
  }

  <T> WireWriter writeList(Collection<T> items, Encoder<T> encoder) {
    writeInt(items.size());
    for (T item : items) {
      encoder.write(this, item);
    }
    return this;
  }

  WireWriter writeLongs(long[] values) {
    writeInt(values.length);
    for (long v : values) {
      writeLong(v);
    }
    return this;
  }

  WireWriter writeEnum(Enum<?> value) {
    return writeString(value.name());
  }

  byte[] toBytes() {
    return out.toByteArray();
  }
}
