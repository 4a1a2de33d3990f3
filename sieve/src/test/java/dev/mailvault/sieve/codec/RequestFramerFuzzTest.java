package dev.mailvault.sieve.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;

/**
 * Jazzer fuzzing of the ManageSieve codec (framer and parser), as {@code Pop3ReaderFuzzTest} does
 * for POP3. The build runs it in fuzzing mode for a bounded time (the sieve pom sets {@code
 * JAZZER_FUZZ}; ADR 0181). The framer is fed straight from the socket before any login: every input
 * must end as requests within the bounds, refusals, or parsed commands, never as an exception other
 * than the parser's own, and the framer never holds more than its bounds allow.
 */
class RequestFramerFuzzTest {

  private static final int LINE = 256;
  private static final int LITERAL = 512;

  @FuzzTest(maxDuration = "20s")
  void everyInputIsFramedWithinTheBounds(byte[] input) {
    RequestFramer framer = new RequestFramer(LINE, LITERAL);
    List<FramedInput> requests = new ArrayList<>();
    int offset = 0;
    int chunk = 1;
    while (offset < input.length) {
      int length = Math.min(chunk, input.length - offset);
      framer.feed(input, offset, length, requests::add);
      offset += length;
      chunk = chunk % 23 + 1;
      assertThat(framer.buffered()).isLessThanOrEqualTo(LITERAL + 4 * LINE);
    }
    for (FramedInput request : requests) {
      if (request instanceof FramedInput.Request framed) {
        assertThat(framed.bytes().length).isLessThanOrEqualTo(LITERAL + 4 * LINE);
        parse(framed.bytes());
      }
    }
  }

  private static void parse(byte[] request) {
    try {
      assertThat(CommandParser.parse(request)).isNotNull();
    } catch (ParseException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
    try {
      assertThat(CommandParser.saslResponse(request)).isNotNull();
    } catch (ParseException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }
}
