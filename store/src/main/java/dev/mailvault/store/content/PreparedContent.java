package dev.mailvault.store.content;

import java.util.List;

/**
 * A message's bytes cut into segments and encoded, ready to be written in one transaction. Built
 * outside the vault's writer lock, since compressing and hashing are the slow part of an append.
 *
 * @param size the raw size
 * @param segments the segments, ascending by offset, covering {@code [0, size)} without gaps
 */
public record PreparedContent(long size, List<Segment> segments) {

  public PreparedContent {
    segments = List.copyOf(segments);
  }

  /** One segment of the message. */
  public sealed interface Segment {
    long offset();

    long length();
  }

  /** Bytes stored with the message. */
  public record Inline(long offset, SegmentCodec.Encoded encoded) implements Segment {
    @Override
    public long length() {
      return encoded.length();
    }
  }

  /** A large leaf body stored once per vault, found again by its SHA-256. */
  public record BlobRef(long offset, long length, byte[] sha256, List<BlobChunk> chunks)
      implements Segment {
    public BlobRef {
      chunks = List.copyOf(chunks);
    }
  }

  /** One chunk of a blob, at {@code offset} within the blob. */
  public record BlobChunk(long offset, SegmentCodec.Encoded encoded) {}
}
