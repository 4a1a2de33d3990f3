package dev.mailvault.pop3.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class LineReaderTest {

  private static List<String> read(LineReader reader, String input) {
    List<String> out = new ArrayList<>();
    byte[] bytes = input.getBytes(StandardCharsets.ISO_8859_1);
    // One octet at a time: every state boundary is crossed.
    for (int i = 0; i < bytes.length; i++) {
      reader.feed(
          bytes,
          i,
          1,
          in ->
              out.add(
                  in instanceof LineInput.Line line
                      ? new String(line.bytes(), StandardCharsets.ISO_8859_1)
                      : "<too long>"));
    }
    return out;
  }

  @Test
  void linesEndAtCrlfOrBareLf() {
    assertThat(read(new LineReader(), "STAT\r\nNOOP\nLIST 1\r\n"))
        .containsExactly("STAT", "NOOP", "LIST 1");
  }

  @Test
  void twoHundredFiftyFiveOctetsWithCrlfFitAndOneMoreDoesNot() {
    String fits = "x".repeat(253);
    String over = "y".repeat(254);
    assertThat(read(new LineReader(), fits + "\r\n" + over + "\r\nNOOP\r\n"))
        .containsExactly(fits, "<too long>", "NOOP");
  }

  @Test
  void aHugeLineIsDroppedWithoutBeingKept() {
    LineReader reader = new LineReader();
    byte[] huge = new byte[1 << 20];
    java.util.Arrays.fill(huge, (byte) 'a');
    List<LineInput> out = new ArrayList<>();
    reader.feed(huge, 0, huge.length, out::add);
    assertThat(out).isEmpty();
    assertThat(reader.buffered()).isZero();
    reader.feed("\r\n".getBytes(StandardCharsets.US_ASCII), 0, 2, out::add);
    assertThat(out).singleElement().isInstanceOf(LineInput.TooLong.class);
  }

  @Test
  void aSaslResponseMayBeLongerWhenTheSessionAwaitsOne() {
    AtomicBoolean awaiting = new AtomicBoolean(true);
    LineReader reader = new LineReader(1024, awaiting::get);
    String response = "QUFB".repeat(200);
    assertThat(read(reader, response + "\r\n")).containsExactly(response);
    awaiting.set(false);
    assertThat(read(reader, response + "\r\n")).containsExactly("<too long>");
  }

  @Test
  void resetDropsALineInProgress() {
    LineReader reader = new LineReader();
    assertThat(read(reader, "USER someone")).isEmpty();
    reader.reset();
    assertThat(read(reader, "NOOP\r\n")).containsExactly("NOOP");
  }
}
