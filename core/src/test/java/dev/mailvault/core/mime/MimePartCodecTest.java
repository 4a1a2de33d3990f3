package dev.mailvault.core.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MimePartCodecTest {

  static java.util.stream.Stream<String> corpus() throws Exception {
    return GoldenCorpusTest.corpus();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void everyCorpusTreeSurvivesTheRoundTrip(String name) throws Exception {
    byte[] raw = Files.readAllBytes(GoldenCorpusTest.corpusDir().resolve(name + ".eml"));
    MimePart root = MessageParser.parse(raw).root();
    byte[] encoded = MimePartCodec.encode(root);
    assertThat(encoded[0]).isEqualTo((byte) MimePartCodec.VERSION);
    assertThat(MimePartCodec.decode(encoded)).isEqualTo(root);
  }

  @Test
  void nestedTreeWithMessageRoundTrips() {
    MimePart inner =
        new MimePart(300, 320, 400, "text", "plain", "quoted-printable", List.of(), null);
    MimePart message = new MimePart(280, 300, 400, "message", "rfc822", "7bit", List.of(), null);
    MimePart rfc822 = new MimePart(250, 280, 400, "message", "rfc822", "7bit", List.of(), message);
    MimePart text = new MimePart(100, 130, 200, "text", "plain", "base64", List.of(), null);
    MimePart root =
        new MimePart(
            0, 90, 5_000_000_000L, "multipart", "mixed", "7bit", List.of(text, rfc822), null);
    assertThat(MimePartCodec.decode(MimePartCodec.encode(root))).isEqualTo(root);
    assertThat(MimePartCodec.decode(MimePartCodec.encode(inner))).isEqualTo(inner);
  }

  @Test
  void smallForOrdinaryMessages() {
    MimePart root = MessageParser.parse("Subject: x\r\n\r\nhello\r\n".getBytes()).root();
    assertThat(MimePartCodec.encode(root)).hasSizeLessThan(32);
  }

  @Test
  void rejectsUnknownVersionTruncationAndTrailingBytes() {
    MimePart root = MessageParser.parse("Subject: x\r\n\r\nhello\r\n".getBytes()).root();
    byte[] encoded = MimePartCodec.encode(root);

    byte[] otherVersion = encoded.clone();
    otherVersion[0] = 9;
    assertThatThrownBy(() -> MimePartCodec.decode(otherVersion))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("version 9");

    for (int length = 0; length < encoded.length; length++) {
      byte[] truncated = Arrays.copyOf(encoded, length);
      assertThatThrownBy(() -> MimePartCodec.decode(truncated))
          .isInstanceOf(IllegalArgumentException.class);
    }

    byte[] longer = Arrays.copyOf(encoded, encoded.length + 1);
    assertThatThrownBy(() -> MimePartCodec.decode(longer))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Trailing");
  }
}
