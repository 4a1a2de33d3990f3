package dev.mailvault.pop3.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DotStufferTest {

  private static String whole(String message) {
    return new String(
        DotStuffer.whole(message.getBytes(StandardCharsets.ISO_8859_1)),
        StandardCharsets.ISO_8859_1);
  }

  @Test
  void linesStartingWithADotGetAnother() {
    assertThat(whole(".a\r\nb\r\n.\r\n..c\r\n")).isEqualTo("..a\r\nb\r\n..\r\n...c\r\n.\r\n");
  }

  @Test
  void aMessageWithoutAFinalLineEndGetsOneBeforeTheTerminator() {
    assertThat(whole("a\r\nb")).isEqualTo("a\r\nb\r\n.\r\n");
    assertThat(whole("")).isEqualTo(".\r\n");
  }

  @Test
  void aBareLfStartsALineToo() {
    assertThat(whole("a\n.b\n")).isEqualTo("a\n..b\n.\r\n");
  }

  @Test
  void piecesGiveTheSameOctetsAsTheWhole() {
    byte[] message = "x\r\n.y\r\n.\r\nz.\r\n.".getBytes(StandardCharsets.ISO_8859_1);
    for (int piece = 1; piece <= message.length; piece++) {
      DotStuffer stuffer = new DotStuffer();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (int at = 0; at < message.length; at += piece) {
        out.writeBytes(stuffer.stuff(message, at, Math.min(piece, message.length - at)));
      }
      out.writeBytes(stuffer.finish());
      assertThat(out.toByteArray()).as("pieces of %d", piece).isEqualTo(DotStuffer.whole(message));
    }
  }
}
