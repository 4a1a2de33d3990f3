package dev.mailvault.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.mime.MessageParser;
import dev.mailvault.core.mime.MimePart;
import dev.mailvault.core.mime.ParsedMessage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SyntheticMailTest {

  private static final Pattern MESSAGE_ID = Pattern.compile("\r\nMessage-ID: (<[^>]+>)\r\n");

  @Test
  void textMessagesAreAboutTenKilobytesOfCrlfTextWithUniqueMessageIds() {
    SyntheticMail mail = new SyntheticMail(1);
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      byte[] raw = mail.textMessage(i, TextMailSource.SIZE);
      assertThat(raw.length).isBetween(TextMailSource.SIZE, TextMailSource.SIZE + 100);
      String text = new String(raw, StandardCharsets.US_ASCII);
      assertThat(text.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
      Matcher id = MESSAGE_ID.matcher(text);
      assertThat(id.find()).isTrue();
      ids.add(id.group(1));
    }
    assertThat(ids).hasSize(200);
  }

  @Test
  void textMessagesParseAsPlainTextWithSenderAndSubject() {
    ParsedMessage parsed =
        MessageParser.parse(new SyntheticMail(2).textMessage(7, TextMailSource.SIZE));

    assertThat(parsed.root().mediaType()).isEqualTo("text");
    assertThat(parsed.root().subType()).isEqualTo("plain");
    assertThat(parsed.summary().from())
        .containsPattern("^[a-z]+\\.[a-z]+@[a-z.]*example\\.[a-z]+$");
    assertThat(parsed.summary().subject()).isNotBlank();
    assertThat(parsed.summary().messageId()).startsWith("<7.");
  }

  @Test
  void sameSeedGivesSameMailAndOtherSeedsOtherMail() {
    assertThat(new SyntheticMail(5).textMessage(1, 4096))
        .isEqualTo(new SyntheticMail(5).textMessage(1, 4096));
    assertThat(new SyntheticMail(5).textMessage(1, 4096))
        .isNotEqualTo(new SyntheticMail(6).textMessage(1, 4096));
  }

  @Test
  void attachmentMessageIsMultipartMixedWithTheBytesInBase64() {
    SyntheticMail mail = new SyntheticMail(3);
    byte[] attachment = mail.randomBytes(100_000);
    byte[] raw = mail.attachmentMessage(1, attachment);

    MimePart root = MessageParser.parse(raw).root();
    assertThat(root.mediaType()).isEqualTo("multipart");
    assertThat(root.subType()).isEqualTo("mixed");
    assertThat(root.children()).hasSize(2);
    MimePart file = root.children().get(1);
    assertThat(file.mediaType() + "/" + file.subType()).isEqualTo("application/octet-stream");
    assertThat(file.transferEncoding()).isEqualTo("base64");
    byte[] body = Arrays.copyOfRange(raw, (int) file.bodyStart(), (int) file.end());
    assertThat(java.util.Base64.getMimeDecoder().decode(body)).isEqualTo(attachment);
  }

  @Test
  void randomBytesDifferFromCallToCall() {
    SyntheticMail mail = new SyntheticMail(4);
    assertThat(mail.randomBytes(64)).isNotEqualTo(mail.randomBytes(64));
    assertThat(mail.randomBytes(13)).hasSize(13);
  }
}
