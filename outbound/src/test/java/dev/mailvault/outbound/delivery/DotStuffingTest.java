package dev.mailvault.outbound.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** RFC 5321 §4.5.2 transparency and the DATA terminator. */
class DotStuffingTest {

  @Test
  void aLeadingPeriodIsDoubledAndTheBlockEndsWithADot() {
    assertThat(stuff("a\r\n.b\r\n..c\r\n")).isEqualTo("a\r\n..b\r\n...c\r\n.\r\n");
  }

  @Test
  void aLastLineWithoutItsLineEndGetsOne() {
    assertThat(stuff("a\r\nb")).isEqualTo("a\r\nb\r\n.\r\n");
  }

  @Test
  void bareLineEndsBecomeCrlfSoNoDotHidesBehindThem() {
    // RFC 5321 §2.3.8 and the smuggling of ADR 0101: "\n.\n" must not pass as a terminator.
    assertThat(stuff("a\n.\nb\r.\r")).isEqualTo("a\r\n..\r\nb\r\n..\r\n.\r\n");
  }

  @Test
  void anEmptyMessageIsJustTheTerminator() {
    assertThat(stuff("")).isEqualTo(".\r\n");
  }

  private static String stuff(String text) {
    return new String(
        DotStuffing.stuff(text.getBytes(StandardCharsets.US_ASCII)), StandardCharsets.US_ASCII);
  }
}
