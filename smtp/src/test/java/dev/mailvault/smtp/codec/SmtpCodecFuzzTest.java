package dev.mailvault.smtp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mailvault.smtp.codec.ReaderLimits.LineEndPolicy;
import dev.mailvault.smtp.codec.SmtpInput.DataProblem;
import java.util.ArrayList;
import java.util.List;

/**
 * Jazzer fuzzing of the SMTP codec (reader + command parser), as {@code CodecFuzzTest} does for
 * IMAP. The build runs it in fuzzing mode for a bounded time (the smtp pom sets {@code
 * JAZZER_FUZZ}; ADR 0181). Every input must end as commands, refusals and messages within the
 * limits, never as an exception: the reader is fed straight from the socket before any login. Every
 * complete command line goes through {@link CommandParser} on the way, so the parser is fuzzed with
 * it (Jazzer fuzzes one test per run).
 */
class SmtpCodecFuzzTest {

  /** The RFC minimums, and a message limit small enough for the fuzzer to cross it often. */
  private static final ReaderLimits LIMITS =
      new ReaderLimits(512, 1000, 4096, LineEndPolicy.REJECT);

  @FuzzTest(maxDuration = "20s")
  void everyInputIsReadWithinTheLimits(byte[] input) {
    // The first byte picks the bare-line-end policy, so both are fuzzed.
    ReaderLimits limits =
        input.length > 0 && (input[0] & 1) == 1
            ? LIMITS.withLineEnds(LineEndPolicy.NORMALISE)
            : LIMITS;
    SmtpReader reader = new SmtpReader(limits);
    List<SmtpInput> inputs = new ArrayList<>();
    // Uneven chunks, as a network delivers them; the session's answers to a pause in between.
    int offset = 0;
    int chunk = 1;
    while (offset < input.length) {
      int length = Math.min(chunk, input.length - offset);
      reader.feed(input, offset, length, inputs::add);
      offset += length;
      chunk = chunk % 17 + 1;
      while (reader.paused()) {
        answerPause(reader, lastCommand(inputs), inputs);
      }
    }
    long chunked = 0;
    for (SmtpInput read : inputs) {
      if (read instanceof SmtpInput.Command command) {
        assertThat(command.command()).isNotNull();
        // As the reader counts: any other command ends a run of chunks.
        if (!(command.command() instanceof SmtpCommand.Bdat)) {
          chunked = 0;
        }
      } else if (read instanceof SmtpInput.Malformed malformed) {
        assertRefusal(malformed.reply());
      } else if (read instanceof SmtpInput.Message message) {
        assertMessage(message, limits, input.length);
      } else if (read instanceof SmtpInput.Chunk bdat) {
        // RFC 3030 §2: the size announced, counted exactly; kept only within the limit.
        if (bdat.content() != null) {
          assertThat((long) bdat.content().length).isEqualTo(bdat.size());
          chunked += bdat.size();
          assertThat(chunked).isLessThanOrEqualTo(limits.maxMessageSize());
        }
        if (bdat.last()) {
          chunked = 0;
        }
      }
    }
  }

  /** A message is kept whole within the limit (at most doubled by bare line ends made CRLF). */
  private static void assertMessage(SmtpInput.Message message, ReaderLimits limits, int fed) {
    if (message.problem() == DataProblem.NONE) {
      assertThat(message.content()).isNotNull();
      assertThat(message.content().length)
          .isLessThanOrEqualTo((int) limits.maxMessageSize())
          .isLessThanOrEqualTo(2 * fed);
    } else {
      assertThat(message.content()).isNull();
    }
  }

  /** A refusal is a 5xx with an enhanced code (RFC 3463) on lines no client could misread. */
  private static void assertRefusal(SmtpReply reply) {
    assertThat(reply.code()).isBetween(500, 599);
    assertThat(reply.enhanced()).startsWith("5.");
    for (String text : reply.lines()) {
      assertThat(text).doesNotContain("\r", "\n").hasSizeLessThanOrEqualTo(512);
    }
  }

  /** What the session does after DATA (354), STARTTLS (220, then the handshake) or QUIT. */
  private static void answerPause(SmtpReader reader, SmtpCommand last, List<SmtpInput> sink) {
    if (last instanceof SmtpCommand.Data) {
      reader.startData(sink::add);
    } else if (last instanceof SmtpCommand.StartTls) {
      assertThat(reader.discardPending()).isNotNegative();
    } else {
      reader.resumeCommands(sink::add);
    }
  }

  private static SmtpCommand lastCommand(List<SmtpInput> inputs) {
    for (int i = inputs.size() - 1; i >= 0; i--) {
      if (inputs.get(i) instanceof SmtpInput.Command command) {
        return command.command();
      }
    }
    throw new AssertionError("paused without a command");
  }
}
