package dev.mailvault.store.content;

import dev.mailvault.core.mime.MimePart;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Cuts a raw message into segments (docs/adr/0031-vault-content-segments.md): every leaf body of at
 * least {@link #LARGE_BODY} bytes becomes a blob, shared by every message of the vault that carries
 * the same bytes; everything between them is stored inline. Both are split into chunks of at most
 * {@link #CHUNK} bytes so that a byte range or a MIME part is read without decoding the whole
 * message.
 */
public final class ContentPreparer {

  /** Leaf bodies this large are attachments worth de-duplicating. */
  public static final int LARGE_BODY = 64 * 1024;

  /** The most raw bytes per stored chunk. */
  public static final int CHUNK = 256 * 1024;

  private ContentPreparer() {}

  /**
   * @param raw the message as received
   * @param root its part tree, or null to store it without blobs
   */
  public static PreparedContent prepare(byte[] raw, MimePart root) {
    List<PreparedContent.Segment> segments = new ArrayList<>();
    long position = 0;
    for (MimePart leaf : largeLeaves(root, raw.length)) {
      addInline(raw, position, leaf.bodyStart(), segments);
      segments.add(blob(raw, leaf.bodyStart(), leaf.end()));
      position = leaf.end();
    }
    addInline(raw, position, raw.length, segments);
    return new PreparedContent(raw.length, segments);
  }

  /** The leaves to store as blobs: large, in order, inside the message and not overlapping. */
  static List<MimePart> largeLeaves(MimePart root, long size) {
    List<MimePart> leaves = new ArrayList<>();
    if (root != null) {
      collectLeaves(root, leaves);
    }
    leaves.removeIf(leaf -> leaf.bodyLength() < LARGE_BODY);
    leaves.sort(Comparator.comparingLong(MimePart::bodyStart));
    List<MimePart> usable = new ArrayList<>();
    long previousEnd = 0;
    for (MimePart leaf : leaves) {
      // A tree that does not fit the bytes is ignored rather than trusted: byte-exactness first.
      if (leaf.bodyStart() >= previousEnd && leaf.end() <= size) {
        usable.add(leaf);
        previousEnd = leaf.end();
      }
    }
    return usable;
  }

  private static void collectLeaves(MimePart part, List<MimePart> leaves) {
    if (part.message() != null) {
      collectLeaves(part.message(), leaves);
    } else if (!part.children().isEmpty()) {
      for (MimePart child : part.children()) {
        collectLeaves(child, leaves);
      }
    } else {
      leaves.add(part);
    }
  }

  private static void addInline(
      byte[] raw, long from, long to, List<PreparedContent.Segment> segments) {
    for (long offset = from; offset < to; offset += CHUNK) {
      int length = (int) Math.min(CHUNK, to - offset);
      byte[] bytes = Arrays.copyOfRange(raw, (int) offset, (int) offset + length);
      segments.add(new PreparedContent.Inline(offset, SegmentCodec.encode(bytes)));
    }
  }

  private static PreparedContent.BlobRef blob(byte[] raw, long from, long to) {
    MessageDigest sha256 = sha256();
    sha256.update(raw, (int) from, (int) (to - from));
    List<PreparedContent.BlobChunk> chunks = new ArrayList<>();
    for (long offset = from; offset < to; offset += CHUNK) {
      int length = (int) Math.min(CHUNK, to - offset);
      byte[] bytes = Arrays.copyOfRange(raw, (int) offset, (int) offset + length);
      chunks.add(new PreparedContent.BlobChunk(offset - from, SegmentCodec.encode(bytes)));
    }
    return new PreparedContent.BlobRef(from, to - from, sha256.digest(), chunks);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
