package dev.mailvault.store.content;

import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;

/**
 * How the bytes of one stored segment or chunk are encoded; the id is what the row records, so a
 * codec's id never changes once released.
 */
public enum SegmentCodec {
  /** The bytes as they are. */
  IDENTITY(0),
  /** Zstandard, used only when it saves at least {@link #MIN_SAVING_PERCENT} percent. */
  ZSTD(1);

  /** Compression must shrink a segment below 90% of its size to be worth a decode on read. */
  static final int MIN_SAVING_PERCENT = 10;

  /**
   * Level 1: on 10 KB letters it compresses as well as level 3 (0.461 against 0.460 of the raw
   * size; 0.391 against 0.384 on English prose) for about three quarters of the CPU time
   * (docs/adr/0073-inline-content.md).
   */
  private static final int ZSTD_LEVEL = 1;

  /**
   * One compression context per appending thread: building a context costs more than compressing a
   * 10 KB segment. A context is not thread-safe, hence not shared.
   */
  private static final ThreadLocal<ZstdCompressCtx> COMPRESSOR =
      ThreadLocal.withInitial(() -> new ZstdCompressCtx().setLevel(ZSTD_LEVEL));

  /**
   * One decompression context per reading thread, for the same reason: {@code Zstd.decompress}
   * builds and frees a context on every call, which cost more than decoding a 10 KB letter.
   */
  private static final ThreadLocal<ZstdDecompressCtx> DECOMPRESSOR =
      ThreadLocal.withInitial(ZstdDecompressCtx::new);

  private final int id;

  SegmentCodec(int id) {
    this.id = id;
  }

  public int id() {
    return id;
  }

  public static SegmentCodec byId(int id) {
    for (SegmentCodec codec : values()) {
      if (codec.id == id) {
        return codec;
      }
    }
    throw new IllegalStateException("unknown segment codec " + id);
  }

  /**
   * The encoded form of {@code raw}: compressed when that pays, otherwise the bytes as they are.
   */
  public static Encoded encode(byte[] raw) {
    if (raw.length >= 64) {
      byte[] compressed = COMPRESSOR.get().compress(raw);
      if ((long) compressed.length * 100 < (long) raw.length * (100 - MIN_SAVING_PERCENT)) {
        return new Encoded(ZSTD, compressed, raw.length);
      }
    }
    return new Encoded(IDENTITY, raw, raw.length);
  }

  /** Decodes {@code data} that holds {@code length} raw bytes. */
  public byte[] decode(byte[] data, int length) {
    return switch (this) {
      case IDENTITY -> data;
      case ZSTD -> {
        byte[] raw = new byte[length];
        int decoded = DECOMPRESSOR.get().decompress(raw, data);
        if (decoded != length) {
          throw new IllegalStateException("a stored segment decoded to the wrong length");
        }
        yield raw;
      }
    };
  }

  /** One encoded piece: its codec, the bytes to store and the raw length they stand for. */
  public record Encoded(SegmentCodec codec, byte[] data, int length) {}
}
