package dev.mailvault.bench.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MboxrdTest {

  @Test
  void eachMessageGetsAnAsctimeFromLineAndBodyFromLinesAreQuotedOnceMore() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Mboxrd mbox = new Mboxrd(out, Instant.parse("2024-03-01T08:00:00Z"));

    mbox.write(
        "Subject: a\r\n\r\nFrom here\r\n>From there\r\n".getBytes(StandardCharsets.US_ASCII));
    mbox.write("Subject: b\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII));

    assertThat(out.toString(StandardCharsets.US_ASCII))
        .isEqualTo(
            "From bench@bench.test Fri Mar  1 08:00:00 2024\r\n"
                + "Subject: a\r\n\r\n>From here\r\n>>From there\r\n"
                + "From bench@bench.test Fri Mar  1 08:00:00 2024\r\n"
                + "Subject: b\r\n\r\nbody\r\n");
  }

  @Test
  void mixedLettersAreSevenBitWithAnAttachmentEveryEighthAndNoFromLines() {
    var mail = ImapTestMbox.messages(16);

    for (int i = 0; i < mail.size(); i++) {
      String text = new String(mail.get(i), StandardCharsets.ISO_8859_1);
      assertThat(text.chars().allMatch(c -> c < 128)).as("message %d is 7bit", i).isTrue();
      assertThat(text).doesNotContain("\nFrom ").endsWith("\r\n");
      assertThat(text.contains("Content-Transfer-Encoding: base64")).isEqualTo(i % 8 == 7);
    }
    assertThat(mail.get(0).length).isBetween(Letters.SIZE - 100, Letters.SIZE + 200);
    assertThat(mail.get(7).length).isBetween(100_000, 110_000);
  }
}
