package dev.mailvault.core.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Re-encodes the binary leaf parts of a message appended as a literal8 (RFC 3516 §4.4) to base64
 * before it is stored, as the reference server does, so that BODY[n] never carries raw binary data
 * while BINARY[n] still returns the original bytes (ADR 0164).
 *
 * <p>A leaf part is converted when its Content-Transfer-Encoding is {@code binary} (RFC 2045 §6.2)
 * or {@code 8bit} with a NUL in its body, which 8bit forbids. Only its body and the value of the
 * Content-Transfer-Encoding field the parser reads (the first usable one) change; every other byte
 * of the message, multipart delimiters and the headers of message/rfc822 parts included, is kept.
 */
public final class BinaryPartEncoder {

  // RFC 2045 §6.8: encoded lines are no more than 76 characters long.
  private static final Base64.Encoder BASE64 =
      Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII));
  private static final byte[] BASE64_NAME = "base64".getBytes(StandardCharsets.US_ASCII);

  private BinaryPartEncoder() {}

  /**
   * The message with its binary leaf parts base64-encoded; {@code raw} itself (the same array) when
   * it has none.
   */
  public static byte[] encode(byte[] raw) {
    List<Edit> edits = new ArrayList<>();
    collect(raw, StructureScanner.scan(raw), edits);
    if (edits.isEmpty()) {
      return raw;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length + raw.length / 2);
    int pos = 0;
    // The scan visits parts in message order, so the edits are ordered and never overlap.
    for (Edit edit : edits) {
      out.write(raw, pos, edit.from - pos);
      out.writeBytes(edit.replacement);
      pos = edit.to;
    }
    out.write(raw, pos, raw.length - pos);
    return out.toByteArray();
  }

  private static void collect(byte[] raw, PartNode node, List<Edit> edits) {
    if (node.multipart || node.rfc822) {
      // RFC 2045 §6.4: a composite part's own encoding is identity; its leaves are what count.
      for (PartNode child : node.children) {
        collect(raw, child, edits);
      }
      if (node.message != null) {
        collect(raw, node.message, edits);
      }
      return;
    }
    String encoding = node.content.transferEncoding;
    if (encoding == null || !needsEncoding(raw, node, encoding)) {
      return;
    }
    HeaderField field = transferEncodingField(raw, node);
    edits.add(new Edit(field.valueStart(), field.valueEnd(), BASE64_NAME));
    edits.add(new Edit(node.bodyStart, node.end, base64Lines(raw, node.bodyStart, node.end)));
  }

  private static boolean needsEncoding(byte[] raw, PartNode node, String encoding) {
    if (encoding.equalsIgnoreCase("binary")) {
      return true;
    }
    // RFC 2045 §2.8: 8bit data never contains NUL; such a body is binary whatever it is called.
    return encoding.equalsIgnoreCase("8bit") && containsNul(raw, node.bodyStart, node.end);
  }

  private static boolean containsNul(byte[] raw, int from, int to) {
    for (int i = from; i < to; i++) {
      if (raw[i] == 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * The Content-Transfer-Encoding field the encoding was read from: the first one whose value is
   * usable, as {@link ContentFields} decides.
   */
  private static HeaderField transferEncodingField(byte[] raw, PartNode node) {
    for (HeaderField f : node.fields) {
      if (f.is("Content-Transfer-Encoding")
          && ContentFields.of(raw, List.of(f)).transferEncoding != null) {
        return f;
      }
    }
    throw new IllegalStateException("a part with an encoding has its field");
  }

  /**
   * RFC 2045 §6.8: lines of at most 76 characters separated by CRLF. The last line has no CRLF of
   * its own, as the reference server writes it: a line break that follows it in the message (before
   * a delimiter, RFC 2046 §5.1.1) is kept, and the stored size then equals the reference's.
   */
  private static byte[] base64Lines(byte[] raw, int from, int to) {
    byte[] body = new byte[Math.max(0, to - from)];
    System.arraycopy(raw, from, body, 0, body.length);
    return BASE64.encode(body);
  }

  private record Edit(int from, int to, byte[] replacement) {}
}
