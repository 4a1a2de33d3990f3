package dev.mailvault.pop3.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Jazzer fuzzing of the POP3 codec (line reader, command parser, dot-stuffing), as {@code
 * SmtpCodecFuzzTest} does for SMTP. The build runs it in fuzzing mode for a bounded time (the pop3
 * pom sets {@code JAZZER_FUZZ}; ADR 0181). The reader is fed straight from the socket before any
 * login: every input must end as lines within the bound, refusals, or parsed commands, never as an
 * exception other than the parser's own.
 */
class Pop3ReaderFuzzTest {

  private static final int SASL = 1024;

  @FuzzTest(maxDuration = "20s")
  void everyInputIsReadWithinTheBounds(byte[] input) {
    // The first byte says whether a SASL response is awaited, so both bounds are fuzzed.
    boolean sasl = input.length > 0 && (input[0] & 1) == 1;
    LineReader reader = new LineReader(SASL, () -> sasl);
    List<LineInput> lines = new ArrayList<>();
    int offset = 0;
    int chunk = 1;
    while (offset < input.length) {
      int length = Math.min(chunk, input.length - offset);
      reader.feed(input, offset, length, lines::add);
      offset += length;
      chunk = chunk % 23 + 1;
      assertThat(reader.buffered()).isLessThan(sasl ? SASL : LineReader.MAX_COMMAND);
    }
    for (LineInput line : lines) {
      if (line instanceof LineInput.Line read) {
        assertThat(read.bytes().length)
            .isLessThanOrEqualTo((sasl ? SASL : LineReader.MAX_COMMAND) - 1);
        assertThat(read.bytes()).doesNotContain((byte) '\n');
        parse(read.bytes());
        assertTerminatedOnlyAtTheEnd(DotStuffer.whole(read.bytes()));
      }
    }
  }

  /** What a RETR of the line would send: a client finds the terminator line at its end only. */
  private static void assertTerminatedOnlyAtTheEnd(byte[] stuffed) {
    String text = new String(stuffed, StandardCharsets.ISO_8859_1);
    int lineStart = 0;
    while (true) {
      int lf = text.indexOf('\n', lineStart);
      assertThat(lf).isNotNegative();
      String line = text.substring(lineStart, lf + 1);
      if (line.equals(".\r\n")) {
        assertThat(lf + 1).isEqualTo(text.length());
        return;
      }
      lineStart = lf + 1;
    }
  }

  private static void parse(byte[] line) {
    try {
      Pop3Command command = CommandParser.parse(line);
      assertThat(command).isNotNull();
    } catch (ParseException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }
}
