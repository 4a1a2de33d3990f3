package dev.mailvault.store.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.mime.MessageParser;
import dev.mailvault.core.mime.MimePart;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ContentPreparerTest {

  @Test
  void aSmallMessageIsOneInlineSegment() {
    byte[] raw = "Subject: hi\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII);
    PreparedContent content = ContentPreparer.prepare(raw, MessageParser.parse(raw).root());
    assertThat(content.size()).isEqualTo(raw.length);
    assertThat(content.segments()).hasSize(1);
    assertThat(content.segments().get(0)).isInstanceOf(PreparedContent.Inline.class);
    assertThat(decode(content.segments().get(0))).isEqualTo(raw);
  }

  @Test
  void largeLeavesBecomeBlobsAndTheRestIsInlineWithoutGaps() throws Exception {
    byte[] big = new byte[600_000];
    new Random(5).nextBytes(big);
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) ('A' + (big[i] & 15)); // a 7bit body, 4 bits of entropy per byte
    }
    byte[] raw = multipart(big, "small text part");
    MimePart root = MessageParser.parse(raw).root();
    PreparedContent content = ContentPreparer.prepare(raw, root);

    long position = 0;
    ByteArrayOutputStream rebuilt = new ByteArrayOutputStream();
    for (PreparedContent.Segment segment : content.segments()) {
      assertThat(segment.offset()).isEqualTo(position);
      position += segment.length();
      rebuilt.writeBytes(decode(segment));
    }
    assertThat(position).isEqualTo(raw.length);
    assertThat(rebuilt.toByteArray()).isEqualTo(raw);

    List<PreparedContent.BlobRef> blobs =
        content.segments().stream()
            .filter(PreparedContent.BlobRef.class::isInstance)
            .map(PreparedContent.BlobRef.class::cast)
            .toList();
    assertThat(blobs).hasSize(1);
    PreparedContent.BlobRef blob = blobs.get(0);
    MimePart leaf = root.children().get(0);
    assertThat(blob.offset()).isEqualTo(leaf.bodyStart());
    assertThat(blob.length()).isEqualTo(leaf.bodyLength());
    byte[] body = Arrays.copyOfRange(raw, (int) leaf.bodyStart(), (int) leaf.end());
    assertThat(blob.sha256()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(body));
    assertThat(blob.chunks()).hasSize(3); // 600 KB in chunks of 256 KiB
    assertThat(blob.chunks()).allMatch(c -> c.encoded().length() <= ContentPreparer.CHUNK);
    assertThat(blob.chunks()).allMatch(c -> c.encoded().codec() == SegmentCodec.ZSTD);
  }

  @Test
  void compressionIsUsedOnlyWhenItSavesATenth() {
    byte[] text = "same words again and again ".repeat(1000).getBytes(StandardCharsets.US_ASCII);
    assertThat(SegmentCodec.encode(text).codec()).isEqualTo(SegmentCodec.ZSTD);
    byte[] noise = new byte[10_000];
    new Random(1).nextBytes(noise);
    SegmentCodec.Encoded encoded = SegmentCodec.encode(noise);
    assertThat(encoded.codec()).isEqualTo(SegmentCodec.IDENTITY);
    assertThat(encoded.data()).isEqualTo(noise);
  }

  @Test
  void aTreeThatDoesNotFitTheBytesIsIgnored() {
    byte[] raw = new byte[200_000];
    MimePart bogus = new MimePart(0, 10, 500_000, "text", "plain", "7bit", List.of(), null);
    PreparedContent content = ContentPreparer.prepare(raw, bogus);
    assertThat(content.segments()).allMatch(PreparedContent.Inline.class::isInstance);
    assertThat(content.segments().stream().mapToLong(PreparedContent.Segment::length).sum())
        .isEqualTo(raw.length);
  }

  private static byte[] decode(PreparedContent.Segment segment) {
    if (segment instanceof PreparedContent.Inline inline) {
      return inline.encoded().codec().decode(inline.encoded().data(), inline.encoded().length());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (PreparedContent.BlobChunk chunk : ((PreparedContent.BlobRef) segment).chunks()) {
      out.writeBytes(
          chunk.encoded().codec().decode(chunk.encoded().data(), chunk.encoded().length()));
    }
    return out.toByteArray();
  }

  private static byte[] multipart(byte[] bigBody, String smallText) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(
        ("Subject: parts\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=XYZ\r\n\r\n--XYZ\r\n"
                + "Content-Type: text/plain\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(bigBody);
    out.writeBytes(
        ("\r\n--XYZ\r\nContent-Type: text/plain\r\n\r\n" + smallText + "\r\n--XYZ--\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }
}
