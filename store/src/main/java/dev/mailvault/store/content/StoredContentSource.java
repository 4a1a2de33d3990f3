package dev.mailvault.store.content;

import dev.mailvault.core.mime.ByteSource;
import dev.mailvault.store.sqlite.VaultConnection;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A {@link ByteSource} over one stored content. A read touches only the segments and blob chunks
 * that overlap the range; the last decoded chunk is kept, since section reads tend to come in
 * neighbouring pieces (a header, then a body). Valid only while the read transaction that made it
 * is open.
 */
final class StoredContentSource implements ByteSource {

  private static final String SEGMENTS =
      "SELECT offset, length, codec, data, blob_id FROM segments"
          + " WHERE content_id = ? AND offset < ? AND offset + length > ? ORDER BY offset";
  private static final String INLINE = "SELECT codec, data FROM contents WHERE id = ?";
  private static final String CHUNKS =
      "SELECT offset, length, codec, data FROM blob_chunks"
          + " WHERE blob_id = ? AND offset < ? AND offset + length > ? ORDER BY offset";

  /** The cache key of an inline content: segments are keyed by their offset, never negative. */
  private static final long INLINE_KEY = -1;

  private final VaultConnection connection;
  private final ContentCache cache;
  private final long contentId;
  private final long size;

  private String cachedKey;
  private byte[] cachedBytes;
  private Boolean inline; // null until the contents row was looked at

  StoredContentSource(VaultConnection connection, ContentCache cache, long contentId, long size) {
    this.connection = connection;
    this.cache = cache;
    this.contentId = contentId;
    this.size = size;
  }

  @Override
  public long length() {
    return size;
  }

  @Override
  public byte[] read(long offset, int length) throws IOException {
    if (offset < 0 || length < 0 || offset + length > size) {
      throw new IOException("range outside the message");
    }
    byte[] out = new byte[length];
    if (length == 0) {
      return out;
    }
    try {
      if (isInline()) {
        System.arraycopy(cachedBytes, (int) offset, out, 0, length);
        return out;
      }
    } catch (SQLException e) {
      throw new IOException("cannot read stored content", e);
    }
    long end = offset + length;
    try (ResultSet rows = connection.bind(SEGMENTS, contentId, end, offset).executeQuery()) {
      while (rows.next()) {
        long segmentOffset = rows.getLong(1);
        long segmentLength = rows.getLong(2);
        long blobId = rows.getLong(5);
        boolean isBlob = !rows.wasNull();
        long from = Math.max(offset, segmentOffset);
        long to = Math.min(end, segmentOffset + segmentLength);
        if (isBlob) {
          readBlob(blobId, from - segmentOffset, to - segmentOffset, out, (int) (from - offset));
        } else {
          byte[] raw = segment(segmentOffset, rows, (int) segmentLength);
          System.arraycopy(
              raw, (int) (from - segmentOffset), out, (int) (from - offset), (int) (to - from));
        }
      }
    } catch (SQLException e) {
      throw new IOException("cannot read stored content", e);
    }
    return out;
  }

  /**
   * Whether the content is one chunk in its {@code contents} row (vault schema 5); if so it is
   * decoded once into the cache, which no other key then replaces.
   */
  private boolean isInline() throws SQLException {
    if (inline == null) {
      byte[] cached = cache.get(contentId, INLINE_KEY);
      if (cached != null) {
        inline = true;
        cachedBytes = cached;
        cachedKey = "inline";
        return true;
      }
      try (ResultSet row = connection.bind(INLINE, contentId).executeQuery()) {
        byte[] data = row.next() ? row.getBytes(2) : null;
        inline = data != null;
        if (inline) {
          cachedBytes = SegmentCodec.byId(row.getInt(1)).decode(data, (int) size);
          cachedKey = "inline";
          cache.put(contentId, INLINE_KEY, cachedBytes);
        }
      }
    }
    return inline;
  }

  private void readBlob(long blobId, long from, long to, byte[] out, int outOffset)
      throws SQLException {
    try (ResultSet rows = connection.bind(CHUNKS, blobId, to, from).executeQuery()) {
      while (rows.next()) {
        long chunkOffset = rows.getLong(1);
        int chunkLength = rows.getInt(2);
        byte[] raw = decoded("b" + blobId + ":" + chunkOffset, rows, chunkLength);
        long a = Math.max(from, chunkOffset);
        long b = Math.min(to, chunkOffset + chunkLength);
        System.arraycopy(
            raw, (int) (a - chunkOffset), out, outOffset + (int) (a - from), (int) (b - a));
      }
    }
  }

  /** A segment's decoded bytes: from the cache, or decoded from the current row and kept. */
  private byte[] segment(long offset, ResultSet row, int length) throws SQLException {
    String key = "s" + offset;
    if (!key.equals(cachedKey)) {
      byte[] cached = cache.get(contentId, offset);
      if (cached == null) {
        cached = SegmentCodec.byId(row.getInt(3)).decode(row.getBytes(4), length);
        cache.put(contentId, offset, cached);
      }
      cachedBytes = cached;
      cachedKey = key;
    }
    return cachedBytes;
  }

  /** The raw bytes of the current row (codec in column 3, data in column 4), decoded once. */
  private byte[] decoded(String key, ResultSet row, int length) throws SQLException {
    if (!key.equals(cachedKey)) {
      cachedBytes = SegmentCodec.byId(row.getInt(3)).decode(row.getBytes(4), length);
      cachedKey = key;
    }
    return cachedBytes;
  }
}
