package dev.mailvault.core.mime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A compact binary form of a {@link MimePart} tree, for a BLOB column beside the raw message.
 *
 * <p>Layout (version 1): one version byte, then the parts depth-first. Each part is: header start
 * as an unsigned variable-length integer (7 bits per byte, high bit = more); header length and body
 * length the same way; media type, subtype and transfer encoding as variable-length byte count plus
 * UTF-8 bytes; the number of children; a flag byte (1 when an encapsulated message follows the
 * children). The header start is an absolute offset into the raw message, so each part decodes on
 * its own. Typical messages encode in a few dozen bytes.
 */
public final class MimePartCodec {

  /** The version written by {@link #encode}; {@link #decode} rejects others. */
  public static final int VERSION = 1;

  // Bounds a decoder accepts, so corrupt input cannot make it allocate without limit.
  private static final int MAX_STRING = 4096;
  private static final int MAX_DEPTH = 1024;
  private static final int MAX_PARTS = 1_000_000;

  private MimePartCodec() {}

  public static byte[] encode(MimePart root) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      write(out, root);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory failed", e);
    }
    return bytes.toByteArray();
  }

  /**
   * Decodes what {@link #encode} wrote.
   *
   * @throws IllegalArgumentException when the bytes are not a valid encoding
   */
  public static MimePart decode(byte[] encoded) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
      int version = in.readUnsignedByte();
      if (version != VERSION) {
        throw new IllegalArgumentException("Unsupported MIME part encoding version " + version);
      }
      MimePart root = read(in, 0, new int[1]);
      if (in.available() != 0) {
        throw new IllegalArgumentException("Trailing bytes after MIME part encoding");
      }
      return root;
    } catch (IOException e) {
      throw new IllegalArgumentException("Truncated MIME part encoding", e);
    }
  }

  private static void write(DataOutputStream out, MimePart part) throws IOException {
    writeVarLong(out, part.headerStart());
    writeVarLong(out, part.bodyStart() - part.headerStart());
    writeVarLong(out, part.end() - part.bodyStart());
    writeString(out, part.mediaType());
    writeString(out, part.subType());
    writeString(out, part.transferEncoding());
    writeVarLong(out, part.children().size());
    for (MimePart child : part.children()) {
      write(out, child);
    }
    out.writeByte(part.message() != null ? 1 : 0);
    if (part.message() != null) {
      write(out, part.message());
    }
  }

  private static MimePart read(DataInputStream in, int depth, int[] count) throws IOException {
    if (depth > MAX_DEPTH || ++count[0] > MAX_PARTS) {
      throw new IllegalArgumentException("MIME part encoding nests too deep or too wide");
    }
    long headerStart = readVarLong(in);
    long bodyStart = Math.addExact(headerStart, readVarLong(in));
    long end = Math.addExact(bodyStart, readVarLong(in));
    String mediaType = readString(in);
    String subType = readString(in);
    String encoding = readString(in);
    long childCount = readVarLong(in);
    if (childCount > MAX_PARTS) {
      throw new IllegalArgumentException("MIME part encoding has too many children");
    }
    List<MimePart> children = new ArrayList<>((int) Math.min(childCount, 16));
    for (long i = 0; i < childCount; i++) {
      children.add(read(in, depth + 1, count));
    }
    int flags = in.readUnsignedByte();
    if (flags > 1) {
      throw new IllegalArgumentException("Invalid MIME part flags " + flags);
    }
    MimePart message = flags == 1 ? read(in, depth + 1, count) : null;
    return new MimePart(
        headerStart, bodyStart, end, mediaType, subType, encoding, children, message);
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] utf8 = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    writeVarLong(out, utf8.length);
    out.write(utf8);
  }

  private static String readString(DataInputStream in) throws IOException {
    long length = readVarLong(in);
    if (length > MAX_STRING) {
      throw new IllegalArgumentException("MIME part encoding has an over-long name");
    }
    byte[] utf8 = new byte[(int) length];
    in.readFully(utf8);
    return new String(utf8, java.nio.charset.StandardCharsets.UTF_8);
  }

  private static void writeVarLong(DataOutputStream out, long value) throws IOException {
    if (value < 0) {
      throw new IllegalArgumentException("negative offset or length in MIME part");
    }
    long v = value;
    while (v >= 0x80) {
      out.writeByte((int) (v & 0x7f) | 0x80);
      v >>>= 7;
    }
    out.writeByte((int) v);
  }

  private static long readVarLong(DataInputStream in) throws IOException {
    long value = 0;
    for (int shift = 0; shift < 63; shift += 7) {
      int b = in.readUnsignedByte();
      value |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new IllegalArgumentException("Over-long number in MIME part encoding");
  }
}
