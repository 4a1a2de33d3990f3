package dev.mailvault.pop3.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** RFC 1939 §7: the header, the blank line, and n body lines counted before dot-stuffing. */
class TopLinesTest {

  private static final String MESSAGE = "A: 1\r\nB: 2\r\n\r\none\r\n.two\r\nthree\r\n";

  private static String top(String message, int n) {
    return new String(
        TopLines.top(message.getBytes(StandardCharsets.ISO_8859_1), n),
        StandardCharsets.ISO_8859_1);
  }

  @Test
  void countsBodyLines() {
    assertThat(top(MESSAGE, 0)).isEqualTo("A: 1\r\nB: 2\r\n\r\n");
    assertThat(top(MESSAGE, 1)).isEqualTo("A: 1\r\nB: 2\r\n\r\none\r\n");
    assertThat(top(MESSAGE, 2)).isEqualTo("A: 1\r\nB: 2\r\n\r\none\r\n.two\r\n");
    assertThat(top(MESSAGE, 3)).isEqualTo(MESSAGE);
    assertThat(top(MESSAGE, 100)).isEqualTo(MESSAGE);
  }

  @Test
  void aLastLineWithoutLineEndCounts() {
    assertThat(top("A: 1\r\n\r\none\r\ntwo", 2)).isEqualTo("A: 1\r\n\r\none\r\ntwo");
  }

  @Test
  void aMessageWithoutABodyIsAllHeader() {
    assertThat(top("A: 1\r\nB: 2\r\n", 5)).isEqualTo("A: 1\r\nB: 2\r\n");
  }

  @Test
  void bareLfMessagesToo() {
    assertThat(top("A: 1\n\none\ntwo\n", 1)).isEqualTo("A: 1\n\none\n");
  }
}
