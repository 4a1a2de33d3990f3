package dev.mailvault.imap.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mailvault.imap.codec.FramerEvent.Frame;
import dev.mailvault.imap.codec.FramerEvent.FrameError;
import java.util.ArrayList;
import java.util.List;

/**
 * Jazzer fuzzing of the codec (framer + parser). The build runs it in fuzzing mode for a bounded
 * time (the imap pom sets {@code JAZZER_FUZZ}); every input must end as a command, a {@link
 * ParseException} (answered BAD) or a framer error, never as another exception.
 */
class CodecFuzzTest {

  private static final FramerLimits LIMITS = new FramerLimits(512, 64, 256);

  @FuzzTest(maxDuration = "20s")
  void everyInputIsACommandOrABadAnswer(byte[] input) {
    CommandFramer framer = new CommandFramer(LIMITS);
    CommandParser parser = new CommandParser();
    List<FramerEvent> events = new ArrayList<>();
    // Uneven chunks, as a network delivers them.
    int offset = 0;
    int chunk = 1;
    while (offset < input.length) {
      int length = Math.min(chunk, input.length - offset);
      framer.feed(input, offset, length, events::add);
      offset += length;
      chunk = chunk % 13 + 1;
    }
    assertThat(framer.bufferCapacity())
        .isLessThanOrEqualTo(LIMITS.maxLineLength() + (int) LIMITS.maxCommandSize() + 2);
    for (FramerEvent event : events) {
      if (event instanceof Frame frame) {
        for (NameEncoding names : NameEncoding.values()) {
          try {
            assertThat(parser.parse(frame.bytes(), names).tag()).isNotEmpty();
          } catch (ParseException e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\r", "\n");
          }
        }
      } else if (event instanceof FrameError error) {
        assertThat(error.kind()).isNotNull();
      }
    }
  }
}
