package dev.mailvault.smtp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.spill.InFlightBudget;
import dev.mailvault.core.spill.SpillArea;
import dev.mailvault.smtp.codec.ReaderLimits.LineEndPolicy;
import dev.mailvault.smtp.codec.SmtpInput.DataProblem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmtpReaderTest {

  private final List<SmtpInput> inputs = new ArrayList<>();

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private void feed(SmtpReader reader, String s) {
    byte[] b = ascii(s);
    reader.feed(b, 0, b.length, inputs::add);
  }

  /** Feeds one octet at a time: the state machine must not depend on how bytes arrive. */
  private void trickle(SmtpReader reader, String s) {
    for (byte b : ascii(s)) {
      reader.feed(new byte[] {b}, 0, 1, inputs::add);
    }
  }

  private SmtpReader inData(ReaderLimits limits) {
    SmtpReader reader = new SmtpReader(limits);
    feed(reader, "DATA\r\n");
    assertThat(reader.paused()).isTrue();
    reader.startData(inputs::add);
    inputs.clear();
    return reader;
  }

  private SmtpInput.Message onlyMessage() {
    assertThat(inputs).hasSize(1).first().isInstanceOf(SmtpInput.Message.class);
    return (SmtpInput.Message) inputs.get(0);
  }

  @Test
  void aMessageTheBudgetCannotHoldIsReadToItsEndAndRefusedForNow() {
    InFlightBudget budget = new InFlightBudget(100_000);
    SmtpReader reader = new SmtpReader(ReaderLimits.DEFAULTS, SpillArea.inMemory(budget));
    feed(reader, "DATA\r\n");
    reader.startData(inputs::add);
    inputs.clear();
    feed(reader, "line of text\r\n".repeat(10_000) + ".\r\nNOOP\r\n");
    assertThat(inputs)
        .containsExactly(
            new SmtpInput.Message(null, DataProblem.BUSY),
            new SmtpInput.Command(new SmtpCommand.Noop()));
    assertThat(budget.inUse()).isZero();
  }

  @Test
  void commandsAreParsedAndPipelined() {
    SmtpReader reader = new SmtpReader(ReaderLimits.DEFAULTS);
    feed(reader, "EHLO a.example\r\nMAIL FROM:<x@a.example>\r\nRCPT TO:<y@b.example>\r\nNOOP\r\n");
    assertThat(inputs)
        .containsExactly(
            new SmtpInput.Command(new SmtpCommand.Ehlo("a.example")),
            new SmtpInput.Command(
                new SmtpCommand.Mail("x@a.example", java.util.OptionalLong.empty(), null, false)),
            new SmtpInput.Command(new SmtpCommand.Rcpt("y@b.example")),
            new SmtpInput.Command(new SmtpCommand.Noop()));
  }

  @Test
  void dataEndsOnlyAtCrlfDotCrlfAndIsUnstuffedExactly() {
    SmtpReader reader = inData(ReaderLimits.DEFAULTS);
    trickle(reader, "Subject: x\r\n\r\n..leading dot\r\n.\tx\r\n...\r\n. \r\nend\r\n.\r\nNOOP\r\n");
    assertThat(inputs).hasSize(2);
    SmtpInput.Message message = (SmtpInput.Message) inputs.get(0);
    assertThat(message.problem()).isEqualTo(DataProblem.NONE);
    assertThat(new String(message.content(), StandardCharsets.ISO_8859_1))
        .isEqualTo("Subject: x\r\n\r\n.leading dot\r\n\tx\r\n..\r\n \r\nend\r\n");
    assertThat(inputs.get(1)).isEqualTo(new SmtpInput.Command(new SmtpCommand.Noop()));
  }

  @Test
  void anEmptyMessageEndsRightAfterData() {
    SmtpReader reader = inData(ReaderLimits.DEFAULTS);
    feed(reader, ".\r\n");
    assertThat(onlyMessage().content()).isEmpty();
  }

  @Test
  void bytesAfterDataAreKeptWhilePausedAndReadAsTheMessage() {
    SmtpReader reader = new SmtpReader(ReaderLimits.DEFAULTS);
    feed(reader, "DATA\r\nbody\r\n.\r\n");
    assertThat(inputs).containsExactly(new SmtpInput.Command(new SmtpCommand.Data()));
    inputs.clear();
    reader.startData(inputs::add);
    assertThat(new String(onlyMessage().content(), StandardCharsets.US_ASCII))
        .isEqualTo("body\r\n");
  }

  @Test
  void smugglingWithBareLfDotBareLfNeitherEndsDataNorPasses() {
    SmtpReader reader = inData(ReaderLimits.DEFAULTS);
    feed(reader, "a\r\n\n.\nMAIL FROM:<evil@x>\r\n.\r\n");
    SmtpInput.Message message = onlyMessage();
    assertThat(message.problem()).isEqualTo(DataProblem.BARE_LINE_END);
    assertThat(message.content()).isNull();
  }

  @Test
  void smugglingWithBareCrDotBareCrIsRefused() {
    SmtpReader reader = inData(ReaderLimits.DEFAULTS);
    trickle(reader, "a\r\n\r.\rRSET\r\n.\r\n");
    assertThat(onlyMessage().problem()).isEqualTo(DataProblem.BARE_LINE_END);
  }

  @Test
  void lfDotCrlfAfterABareLfIsNotTheEnd() {
    SmtpReader reader = inData(ReaderLimits.DEFAULTS.withLineEnds(LineEndPolicy.NORMALISE));
    feed(reader, "a\n.\r\nb\r\n.\r\n");
    SmtpInput.Message message = onlyMessage();
    assertThat(message.problem()).isEqualTo(DataProblem.NONE);
    assertThat(new String(message.content(), StandardCharsets.US_ASCII))
        .isEqualTo("a\r\n.\r\nb\r\n");
  }

  @Test
  void normalisingTurnsEveryBareLineEndIntoCrlf() {
    SmtpReader reader = inData(ReaderLimits.DEFAULTS.withLineEnds(LineEndPolicy.NORMALISE));
    trickle(reader, "one\ntwo\rthree\r\n\n.\n\r.\r..four\r\n.\r\n");
    SmtpInput.Message message = onlyMessage();
    assertThat(new String(message.content(), StandardCharsets.US_ASCII))
        .isEqualTo("one\r\ntwo\r\nthree\r\n\r\n.\r\n\r\n.\r\n.four\r\n");
  }

  @Test
  void aBareCrBeforeCrlfIsRefusedToo() {
    SmtpReader reader = inData(ReaderLimits.DEFAULTS);
    feed(reader, "x\r\r\n.\r\n");
    assertThat(onlyMessage().problem()).isEqualTo(DataProblem.BARE_LINE_END);
  }

  @Test
  void textLinesAreLimitedTo1000OctetsWithTheCrlf() {
    SmtpReader reader = inData(ReaderLimits.DEFAULTS);
    feed(reader, "x".repeat(998) + "\r\n.\r\n");
    assertThat(onlyMessage().problem()).isEqualTo(DataProblem.NONE);
    inputs.clear();
    reader = inData(ReaderLimits.DEFAULTS);
    feed(reader, "x".repeat(999) + "\r\n.\r\n");
    assertThat(onlyMessage().problem()).isEqualTo(DataProblem.LINE_TOO_LONG);
  }

  @Test
  void aLargerTextLineLimitCanBeConfigured() {
    SmtpReader reader = inData(new ReaderLimits(512, 5000, 1 << 20, LineEndPolicy.REJECT));
    feed(reader, "x".repeat(4998) + "\r\n.\r\n");
    assertThat(onlyMessage().content()).hasSize(5000);
  }

  @Test
  void messagesOverTheSizeLimitAreReadToTheirEndAndRefused() {
    SmtpReader reader = inData(new ReaderLimits(512, 1000, 10_000, LineEndPolicy.REJECT));
    feed(reader, ("y".repeat(98) + "\r\n").repeat(101) + ".\r\nQUIT\r\n");
    assertThat(inputs).hasSize(2);
    assertThat(((SmtpInput.Message) inputs.get(0)).problem()).isEqualTo(DataProblem.TOO_BIG);
    assertThat(inputs.get(1)).isEqualTo(new SmtpInput.Command(new SmtpCommand.Quit()));
  }

  @Test
  void commandLinesAreLimitedTo512OctetsWithTheCrlf() {
    SmtpReader reader = new SmtpReader(ReaderLimits.DEFAULTS);
    feed(reader, "NOOP " + "x".repeat(505) + "\r\n");
    feed(reader, "NOOP " + "x".repeat(506) + "\r\nRSET\r\n");
    assertThat(inputs)
        .containsExactly(
            new SmtpInput.Command(new SmtpCommand.Noop()),
            new SmtpInput.Malformed(SmtpReply.of(500, "5.5.2", "Line too long")),
            new SmtpInput.Command(new SmtpCommand.Rset()));
  }

  @Test
  void aCommandEndingInABareLfIsRefused() {
    SmtpReader reader = new SmtpReader(ReaderLimits.DEFAULTS);
    feed(reader, "NOOP\n");
    assertThat(inputs)
        .containsExactly(
            new SmtpInput.Malformed(SmtpReply.of(500, "5.5.2", "Line must end with CRLF")));
  }

  @Test
  void bdatChunksAreCountedExactlyWithoutLookingInside() {
    SmtpReader reader = new SmtpReader(ReaderLimits.DEFAULTS);
    trickle(reader, "BDAT 9\r\n.\r\nQUIT\r\nBDAT 0 LAST\r\nNOOP\r\n");
    assertThat(inputs).hasSize(5);
    assertThat(inputs.get(0)).isEqualTo(new SmtpInput.Command(new SmtpCommand.Bdat(9, false)));
    SmtpInput.Chunk chunk = (SmtpInput.Chunk) inputs.get(1);
    assertThat(new String(chunk.content(), StandardCharsets.US_ASCII)).isEqualTo(".\r\nQUIT\r\n");
    assertThat(inputs.get(2)).isEqualTo(new SmtpInput.Command(new SmtpCommand.Bdat(0, true)));
    assertThat(((SmtpInput.Chunk) inputs.get(3)).content()).isEmpty();
    assertThat(((SmtpInput.Chunk) inputs.get(3)).last()).isTrue();
    assertThat(inputs.get(4)).isEqualTo(new SmtpInput.Command(new SmtpCommand.Noop()));
  }

  @Test
  void bdatChunksBeyondTheSizeLimitAreConsumedButNotKept() {
    SmtpReader reader = new SmtpReader(new ReaderLimits(512, 1000, 1000, LineEndPolicy.REJECT));
    feed(reader, "BDAT 600\r\n" + "a".repeat(600) + "BDAT 600 LAST\r\n" + "b".repeat(600));
    feed(reader, "NOOP\r\n");
    assertThat(inputs).hasSize(5);
    assertThat(((SmtpInput.Chunk) inputs.get(1)).content()).hasSize(600);
    SmtpInput.Chunk second = (SmtpInput.Chunk) inputs.get(3);
    assertThat(second.content()).isNull();
    assertThat(second.size()).isEqualTo(600);
    assertThat(inputs.get(4)).isEqualTo(new SmtpInput.Command(new SmtpCommand.Noop()));
  }

  @Test
  void afterStartTlsWhatWasSentInTheClearIsDropped() {
    SmtpReader reader = new SmtpReader(ReaderLimits.DEFAULTS);
    feed(reader, "STARTTLS\r\nMAIL FROM:<injected@x>\r\n");
    assertThat(reader.paused()).isTrue();
    assertThat(reader.discardPending()).isEqualTo("MAIL FROM:<injected@x>\r\n".length());
    feed(reader, "EHLO a\r\n");
    assertThat(inputs)
        .containsExactly(
            new SmtpInput.Command(new SmtpCommand.StartTls()),
            new SmtpInput.Command(new SmtpCommand.Ehlo("a")));
  }
}
