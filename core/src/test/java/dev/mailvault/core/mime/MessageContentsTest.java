package dev.mailvault.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MessageContentsTest {

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void aPlainMessageIsItsTextAndItsDecodedHeaders() {
    MessageContents c =
        MessageContents.of(
            bytes(
                "Subject: =?ISO-8859-1?Q?Gr=FC=DFe?= und\r\n  mehr\r\n"
                    + "X-Empty:\r\n"
                    + "\r\n"
                    + "Hello\r\n"));

    assertThat(c.headers())
        .containsExactly(
            // RFC 5322 §2.2.3: unfolding removes the line break only, not the white space.
            new MessageContents.Header("Subject", "Gr\u00fc\u00dfe und  mehr"),
            new MessageContents.Header("X-Empty", ""));
    assertThat(c.text()).contains("Hello\r\n");
    assertThat(c.html()).isEmpty();
    assertThat(c.attachments()).isEmpty();
  }

  @Test
  void theDeclaredCharsetDecodesTheText() {
    MessageContents c =
        MessageContents.of(bytes("Content-Type: text/plain; charset=iso-8859-1\r\n\r\nK\u00f6ln"));
    assertThat(c.text()).contains("K\u00f6ln");
  }

  @Test
  void onlyTheFirstInlineTextAndHtmlAreBodiesEveryOtherLeafIsAnAttachment() {
    MessageContents c =
        MessageContents.of(
            bytes(
                "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
                    + "--b\r\nContent-Type: text/plain\r\n\r\nfirst\r\n"
                    + "--b\r\nContent-Type: text/html\r\n\r\n<p>page</p>\r\n"
                    + "--b\r\nContent-Type: text/plain\r\n\r\nsecond\r\n"
                    + "--b\r\nContent-Type: text/plain\r\nContent-Disposition: attachment\r\n\r\n"
                    + "notes\r\n"
                    + "--b\r\nContent-Type: text/html; name=\"=?UTF-8?Q?caf=C3=A9.html?=\"\r\n\r\n"
                    + "<p>file</p>\r\n"
                    + "--b\r\nContent-Type: message/rfc822\r\n\r\nSubject: inner\r\n\r\ninner body\r\n"
                    + "--b--\r\n"));

    assertThat(c.text()).contains("first");
    assertThat(c.html()).contains("<p>page</p>");
    assertThat(c.attachments())
        .extracting(
            MessageContents.Attachment::filename,
            MessageContents.Attachment::contentType,
            a -> new String(a.content(), StandardCharsets.ISO_8859_1))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("", "text/plain", "second"),
            org.assertj.core.groups.Tuple.tuple("", "text/plain", "notes"),
            org.assertj.core.groups.Tuple.tuple("caf\u00e9.html", "text/html", "<p>file</p>"),
            org.assertj.core.groups.Tuple.tuple(
                "", "message/rfc822", "Subject: inner\r\n\r\ninner body"));
  }

  @Test
  void rfc2231FileNamesAreDecodedAndJoined() {
    MessageContents c =
        MessageContents.of(
            bytes(
                "Content-Type: application/pdf\r\n"
                    + "Content-Disposition: attachment;\r\n"
                    + " filename*0*=UTF-8''r%C3%A9;\r\n"
                    + " filename*1=sum\r\n"
                    + "Content-Transfer-Encoding: base64\r\n\r\n"
                    + "JVBERg==\r\n"));
    assertThat(c.text()).isEmpty();
    assertThat(c.attachments())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.filename()).isEqualTo("r\u00e9sum");
              assertThat(a.contentType()).isEqualTo("application/pdf");
              assertThat(a.content()).isEqualTo("%PDF".getBytes(StandardCharsets.US_ASCII));
            });
  }

  /** Never throws, whatever the bytes; every decoded piece is there or empty, never null. */
  @ParameterizedTest
  @MethodSource("seeds")
  void neverThrowsOnMangledMessages(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    String[] pieces = {
      "Content-Type: multipart/mixed; boundary=x\r\n",
      "--x\r\n",
      "--x--\r\n",
      "\r\n",
      "Content-Transfer-Encoding: base64\r\n",
      "Content-Type: text/html; charset=nope\r\n",
      "=?UTF-8?B?////?=",
      "filename*0*=bad'%Z",
      "Content-Disposition: attachment; filename=a\r\n",
      "Content-Type: message/rfc822\r\n",
      "\u00ff\u00fe=\r\n",
      "abc"
    };
    for (int round = 0; round < 200; round++) {
      StringBuilder message = new StringBuilder();
      for (int i = random.nextInt(30); i > 0; i--) {
        message.append(pieces[random.nextInt(pieces.length)]);
      }
      MessageContents c = MessageContents.of(bytes(message.toString()));
      assertThat(c.headers()).doesNotContainNull();
      assertThat(c.attachments()).doesNotContainNull();
    }
  }

  static LongStream seeds() {
    return LongStream.range(1, 6);
  }
}
