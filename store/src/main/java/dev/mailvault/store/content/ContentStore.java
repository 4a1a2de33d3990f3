package dev.mailvault.store.content;

import dev.mailvault.core.mime.ByteSource;
import dev.mailvault.store.sqlite.VaultConnection;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Writes, shares, frees and reads message contents in the tables {@code contents}, {@code
 * segments}, {@code blobs} and {@code blob_chunks}. Every method runs inside the caller's
 * transaction; writes only on the writer connection.
 *
 * <p>A content that is a single inline chunk (no large body, at most {@link ContentPreparer#CHUNK}
 * bytes: nearly every message) keeps that chunk in its own {@code contents} row, with no segment
 * rows: two fewer encrypted pages per append (docs/adr/0073-inline-content.md). Contents stored
 * before vault schema 5, and larger ones, keep their segments; readers take either.
 */
public final class ContentStore {

  /**
   * The next content id: past the largest in use, the cache's floor (the first parameter) and the
   * largest ever deleted. The id is the message's EMAILID (RFC 8474 §5.1, ADR 0223), which must
   * never name other content, also after a restart.
   */
  private static final String NEXT_ID =
      "max((SELECT coalesce(max(id), 0) + 1 FROM contents), ?,"
          + " (SELECT coalesce(max(value), 0) + 1 FROM vault_meta WHERE key = 'retired_content_id'))";

  private ContentStore() {}

  /**
   * Stores {@code content} with one reference and returns its id: above every id now in use and
   * every id {@code cache} has seen deleted, so a cached id never names other bytes.
   */
  public static long insert(VaultConnection c, ContentCache cache, PreparedContent content)
      throws SQLException {
    if (content.segments().size() == 1
        && content.segments().get(0) instanceof PreparedContent.Inline only) {
      return c.queryLong(
              "INSERT INTO contents(id, size, refcount, codec, data) VALUES ("
                  + NEXT_ID
                  + ", ?, 1, ?, ?) RETURNING id",
              cache.idFloor(),
              content.size(),
              only.encoded().codec().id(),
              only.encoded().data())
          .orElseThrow();
    }
    long contentId =
        c.queryLong(
                "INSERT INTO contents(id, size, refcount) VALUES ("
                    + NEXT_ID
                    + ", ?, 1) RETURNING id",
                cache.idFloor(),
                content.size())
            .orElseThrow();
    for (PreparedContent.Segment segment : content.segments()) {
      if (segment instanceof PreparedContent.Inline inline) {
        c.update(
            "INSERT INTO segments(content_id, offset, length, codec, data) VALUES (?, ?, ?, ?, ?)",
            contentId,
            inline.offset(),
            inline.length(),
            inline.encoded().codec().id(),
            inline.encoded().data());
      } else if (segment instanceof PreparedContent.BlobRef blob) {
        c.update(
            "INSERT INTO segments(content_id, offset, length, codec, blob_id) VALUES (?, ?, ?, ?,"
                + " ?)",
            contentId,
            blob.offset(),
            blob.length(),
            SegmentCodec.IDENTITY.id(),
            referenceBlob(c, blob));
      }
    }
    return contentId;
  }

  /** One more message uses {@code contentId} (a copy). */
  public static void addReference(VaultConnection c, long contentId) throws SQLException {
    c.update("UPDATE contents SET refcount = refcount + 1 WHERE id = ?", contentId);
  }

  /**
   * One message fewer uses {@code contentId}; the last one out deletes it, and with it every blob
   * no other content uses. The message row must be gone already.
   *
   * @return whether the content is gone (no message uses it any more)
   */
  public static boolean release(VaultConnection c, ContentCache cache, long contentId)
      throws SQLException {
    long left =
        c.queryLong(
                "UPDATE contents SET refcount = refcount - 1 WHERE id = ? RETURNING refcount",
                contentId)
            .orElseThrow(() -> new SQLException("content " + contentId + " is missing"));
    if (left > 0) {
      return false;
    }
    List<Long> blobIds = new ArrayList<>();
    try (ResultSet rows =
        c.bind(
                "SELECT blob_id FROM segments WHERE content_id = ? AND blob_id IS NOT NULL",
                contentId)
            .executeQuery()) {
      while (rows.next()) {
        blobIds.add(rows.getLong(1));
      }
    }
    cache.retire(contentId);
    c.update("DELETE FROM segments WHERE content_id = ?", contentId);
    c.update("DELETE FROM contents WHERE id = ?", contentId);
    c.update(
        "INSERT INTO vault_meta(key, value) VALUES ('retired_content_id', ?)"
            + " ON CONFLICT(key) DO UPDATE SET value = max(value, excluded.value)",
        contentId);
    for (long blobId : blobIds) {
      long blobLeft =
          c.queryLong(
                  "UPDATE blobs SET refcount = refcount - 1 WHERE id = ? RETURNING refcount",
                  blobId)
              .orElseThrow();
      if (blobLeft == 0) {
        c.update("DELETE FROM blob_chunks WHERE blob_id = ?", blobId);
        c.update("DELETE FROM blobs WHERE id = ?", blobId);
      }
    }
    return true;
  }

  /** Random access to a stored content, reading only the chunks a range needs. */
  public static ByteSource source(
      VaultConnection c, ContentCache cache, long contentId, long size) {
    return new StoredContentSource(c, cache, contentId, size);
  }

  /** The whole content, byte-exact. */
  public static byte[] readAll(VaultConnection c, ContentCache cache, long contentId, long size)
      throws IOException {
    if (size > Integer.MAX_VALUE - 16) {
      throw new IOException("message too large to read at once; read it by ranges");
    }
    return source(c, cache, contentId, size).read(0, (int) size);
  }

  private static long referenceBlob(VaultConnection c, PreparedContent.BlobRef blob)
      throws SQLException {
    OptionalLong existing =
        c.queryLong(
            "SELECT id FROM blobs WHERE sha256 = ? AND size = ?", blob.sha256(), blob.length());
    if (existing.isPresent()) {
      c.update("UPDATE blobs SET refcount = refcount + 1 WHERE id = ?", existing.getAsLong());
      return existing.getAsLong();
    }
    long blobId =
        c.queryLong(
                "INSERT INTO blobs(sha256, size, refcount) VALUES (?, ?, 1) RETURNING id",
                blob.sha256(),
                blob.length())
            .orElseThrow();
    for (PreparedContent.BlobChunk chunk : blob.chunks()) {
      c.update(
          "INSERT INTO blob_chunks(blob_id, offset, length, codec, data) VALUES (?, ?, ?, ?, ?)",
          blobId,
          chunk.offset(),
          chunk.encoded().length(),
          chunk.encoded().codec().id(),
          chunk.encoded().data());
    }
    return blobId;
  }
}
