package dev.mailvault.store.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * The on-disk format of a spool segment (ADR 0151): an append-only file of sealed items and
 * withdrawals for one alias, written by one writer at a time.
 *
 * <pre>
 * segment = magic "MVSPOOL1" , { record }
 * record  = head , payload , u32 CRC-32C (of head and payload)
 * head    = u32 payload length , u8 type , 16 bytes item id , u32 CRC-32C (of the head before it)
 * type    = 1 item (payload: the sealed item) | 2 withdrawal (no payload: the item was taken back)
 * </pre>
 *
 * <p>A writer killed in the middle of an append leaves a last record that is short or whose CRC
 * does not match; readers ignore it, and it was never acknowledged. A record elsewhere whose head
 * is sound but whose whole CRC does not match is damage, not a crash: it is still listed, so the
 * drain finds it unreadable (the sealing's AEAD tag guards the content) and leaves it for an
 * operator, and reading goes on after it. A head that does not match ends the reading: without a
 * trusted length nothing after it can be found.
 */
final class SpoolSegment {

  static final byte ITEM = 1;
  static final byte WITHDRAWAL = 2;
  static final int ID_BYTES = 16;

  /** Larger segments are closed and a new one begun, so a drained segment can be deleted soon. */
  static final long ROTATE_AT = 64L * 1024 * 1024;

  private static final byte[] MAGIC = "MVSPOOL1".getBytes(StandardCharsets.US_ASCII);
  private static final int FRAME_HEAD = 4 + 1 + ID_BYTES + 4;
  private static final int FRAME_TAIL = 4;
  private static final Pattern NAME = Pattern.compile("[0-9a-f]{16}-[0-9a-f]{16}\\.seg");
  private static final HexFormat HEX = HexFormat.of();

  private SpoolSegment() {}

  /** Whether {@code fileName} is a segment's name: creation time and a random part, in hex. */
  static boolean isSegmentName(String fileName) {
    return NAME.matcher(fileName).matches();
  }

  /**
   * A new segment's name: the creation time in milliseconds first, so names sort oldest first, then
   * a random part (two writers never pick the same name).
   */
  static String newName(long createdMillis, String randomHex16) {
    return String.format("%016x-%s.seg", createdMillis, randomHex16);
  }

  static ByteBuffer header() {
    return ByteBuffer.wrap(MAGIC.clone());
  }

  static long headerLength() {
    return MAGIC.length;
  }

  /** One framed record, ready to be written at the end of a segment. */
  static ByteBuffer record(byte type, String itemId, byte[] payload) {
    byte[] id = HEX.parseHex(itemId);
    if (id.length != ID_BYTES) {
      throw new IllegalArgumentException("not a spool item id");
    }
    ByteBuffer buffer = ByteBuffer.allocate(FRAME_HEAD + payload.length + FRAME_TAIL);
    buffer.putInt(payload.length).put(type).put(id);
    buffer.putInt(crc(buffer.array(), buffer.position()));
    buffer.put(payload);
    buffer.putInt(crc(buffer.array(), buffer.position()));
    return buffer.flip();
  }

  private static int crc(byte[] bytes, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, length);
    return (int) crc.getValue();
  }

  /**
   * Reads a segment's records, checking each CRC, up to the first record that is short or does not
   * match (a torn tail, or damage).
   *
   * @return what was read; a file without the magic reads as damaged with no records
   */
  static Scan scan(Path file) throws IOException {
    List<Record> records = new ArrayList<>();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      ByteBuffer magic = ByteBuffer.allocate(MAGIC.length);
      readFully(channel, magic, 0);
      if (magic.hasRemaining() || !Arrays.equals(magic.array(), MAGIC)) {
        // A segment whose creation was cut short has a short or empty header and nothing else.
        return new Scan(records, 0, size, size <= MAGIC.length);
      }
      long position = MAGIC.length;
      boolean torn = false;
      ByteBuffer head = ByteBuffer.allocate(FRAME_HEAD);
      ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
      while (position < size) {
        head.clear();
        readFully(channel, head, position);
        if (head.hasRemaining()) {
          torn = true;
          break;
        }
        head.flip();
        long payloadLength = Integer.toUnsignedLong(head.getInt());
        byte type = head.get();
        byte[] id = new byte[ID_BYTES];
        head.get(id);
        int headCrc = head.getInt();
        if (headCrc != crc(head.array(), FRAME_HEAD - 4) || (type != ITEM && type != WITHDRAWAL)) {
          // A head cut short or never written (a crash), or damage that hides the rest.
          torn = zeroFrom(channel, position, size) || position + FRAME_HEAD >= size;
          break;
        }
        long end = position + FRAME_HEAD + payloadLength + FRAME_TAIL;
        if (end > size) {
          torn = true;
          break;
        }
        CRC32C crc = new CRC32C();
        crc.update(head.array(), 0, FRAME_HEAD);
        long at = position + FRAME_HEAD;
        long left = payloadLength;
        while (left > 0) {
          chunk.clear().limit((int) Math.min(chunk.capacity(), left));
          int n = channel.read(chunk, at);
          if (n <= 0) {
            break;
          }
          crc.update(chunk.array(), 0, n);
          at += n;
          left -= n;
        }
        ByteBuffer tail = ByteBuffer.allocate(FRAME_TAIL);
        readFully(channel, tail, at);
        boolean sound =
            left == 0 && !tail.hasRemaining() && tail.flip().getInt() == (int) crc.getValue();
        if (!sound && end == size) {
          // The last record, not fully on disk when its writer stopped: never acknowledged.
          torn = true;
          break;
        }
        if (sound || type == ITEM) {
          // A damaged item in the middle stays listed: its drain finds it unreadable.
          records.add(
              new Record(type, HEX.formatHex(id), position + FRAME_HEAD, (int) payloadLength));
        }
        position = end;
      }
      return new Scan(records, position, size, torn);
    }
  }

  /**
   * Whether the file holds only zeros from {@code position} on: after a power loss, a file's length
   * can reach disk before the data appended under it.
   */
  private static boolean zeroFrom(FileChannel channel, long position, long size)
      throws IOException {
    ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
    long at = position;
    while (at < size) {
      chunk.clear();
      int n = channel.read(chunk, at);
      if (n <= 0) {
        return true;
      }
      for (int i = 0; i < n; i++) {
        if (chunk.get(i) != 0) {
          return false;
        }
      }
      at += n;
    }
    return true;
  }

  /** The payload of one record, as {@link #scan} located it. */
  static byte[] payload(Path file, long offset, int length) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer buffer = ByteBuffer.allocate(length);
      readFully(channel, buffer, offset);
      if (buffer.hasRemaining()) {
        throw new IOException("spool segment ends inside a record");
      }
      return buffer.array();
    }
  }

  private static void readFully(FileChannel channel, ByteBuffer buffer, long position)
      throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, at);
      if (n < 0) {
        return;
      }
      at += n;
    }
  }

  /** One whole record: its type, item id, and where its payload lies in the file. */
  record Record(byte type, String itemId, long offset, int length) {}

  /**
   * What {@link #scan} found: the whole records, and where reading stopped. {@code end < size}
   * means the file continues past the last whole record: {@code tornTail} when that rest is one
   * record cut short at the end of the file (a crash during an append, never acknowledged),
   * otherwise damage with more after it.
   */
  record Scan(List<Record> records, long end, long size, boolean tornTail) {
    boolean whole() {
      return end == size;
    }
  }
}
