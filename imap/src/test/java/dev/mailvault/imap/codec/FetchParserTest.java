package dev.mailvault.imap.codec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.imap.codec.FetchItem.Binary;
import dev.mailvault.imap.codec.FetchItem.BinarySize;
import dev.mailvault.imap.codec.FetchItem.BodySection;
import dev.mailvault.imap.codec.FetchItem.Partial;
import dev.mailvault.imap.codec.FetchItem.Section;
import dev.mailvault.imap.codec.FetchItem.SectionText;
import dev.mailvault.imap.codec.FetchItem.Simple;
import dev.mailvault.imap.codec.ImapCommand.Fetch;
import dev.mailvault.imap.codec.SequenceSet.Range;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FetchParserTest {

  private static Fetch fetch(String command) throws ParseException {
    return (Fetch) new CommandParser().parse(command.getBytes(UTF_8), NameEncoding.MODIFIED_UTF7);
  }

  @Test
  void macrosExpandAsTheRfcSays() throws Exception {
    assertThat(fetch("a FETCH 1 ALL").items())
        .containsExactly(Simple.FLAGS, Simple.INTERNALDATE, Simple.RFC822_SIZE, Simple.ENVELOPE);
    assertThat(fetch("a FETCH 1 fast").items())
        .containsExactly(Simple.FLAGS, Simple.INTERNALDATE, Simple.RFC822_SIZE);
    assertThat(fetch("a FETCH 1 FULL").items())
        .containsExactly(
            Simple.FLAGS, Simple.INTERNALDATE, Simple.RFC822_SIZE, Simple.ENVELOPE, Simple.BODY);
  }

  @Test
  void everySimpleItem() throws Exception {
    Fetch fetch =
        fetch(
            "a UID FETCH 1:*,7 (FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODY"
                + " BODYSTRUCTURE UID RFC822 RFC822.HEADER RFC822.TEXT MODSEQ EMAILID THREADID"
                + " SAVEDATE)");
    assertThat(fetch.uid()).isTrue();
    assertThat(fetch.set())
        .isEqualTo(SequenceSet.of(new Range(1, SequenceSet.STAR), new Range(7, 7)));
    assertThat(fetch.items()).containsExactly((FetchItem[]) Simple.values());
    assertThat(fetch.changedSince()).isEqualTo(-1);
  }

  @Test
  void bodySectionsWithPartsTextsAndPartials() throws Exception {
    Fetch fetch =
        fetch(
            "a FETCH 2 (BODY[] BODY.PEEK[HEADER] BODY[1.2.TEXT]<0.2048> BODY[3.MIME]"
                + " BODY.PEEK[HEADER.FIELDS (From Subject)] BODY[1.HEADER.FIELDS.NOT (\"X-Spam\")] BODY[4.1])");
    assertThat(fetch.items())
        .containsExactly(
            new BodySection(Section.WHOLE, false, null),
            new BodySection(new Section(List.of(), SectionText.HEADER, List.of()), true, null),
            new BodySection(
                new Section(List.of(1, 2), SectionText.TEXT, List.of()),
                false,
                new Partial(0, 2048)),
            new BodySection(new Section(List.of(3), SectionText.MIME, List.of()), false, null),
            new BodySection(
                new Section(List.of(), SectionText.HEADER_FIELDS, List.of("FROM", "SUBJECT")),
                true,
                null),
            new BodySection(
                new Section(List.of(1), SectionText.HEADER_FIELDS_NOT, List.of("X-SPAM")),
                false,
                null),
            new BodySection(new Section(List.of(4, 1), SectionText.NONE, List.of()), false, null));
  }

  @Test
  void binaryItems() throws Exception {
    assertThat(fetch("a FETCH 1 (BINARY[1]<5.10> BINARY.PEEK[] BINARY.SIZE[2.1])").items())
        .containsExactly(
            new Binary(List.of(1), false, new Partial(5, 10)),
            new Binary(List.of(), true, null),
            new BinarySize(List.of(2, 1)));
  }

  @Test
  void changedSinceAndVanishedModifiers() throws Exception {
    Fetch fetch = fetch("a UID FETCH 300:500 (FLAGS) (CHANGEDSINCE 12345 VANISHED)");
    assertThat(fetch.changedSince()).isEqualTo(12345);
    assertThat(fetch.vanished()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a FETCH 1|too early",
        "a FETCH 1 (FLAGS|too early",
        "a FETCH 1 (FLAGS UID|too early",
        "a FETCH 1 (FLAGS]|Expected ')'",
        "a FETCH 1 FOO|Unknown FETCH item",
        "a FETCH 1 BODY[MIME]|MIME needs a part number",
        "a FETCH 1 BODY[FOO]|Unknown section",
        "a FETCH 1 BODY[1.FOO]|Unknown section",
        "a FETCH 1 BODY[HEADER.FIELDS]|Expected ' '",
        "a FETCH 1 BODY[HEADER.FIELDS ()]|Expected a string",
        "a FETCH 1 BODY[1|too early",
        "a FETCH 1 BODY[1)|Expected ']'",
        "a FETCH 1 BODY[0]|Zero",
        "a FETCH 1 BODY[]<1.0>|must not be zero",
        "a FETCH 1 BODY[]<1>|Expected '.'",
        "a FETCH 1 BINARY[TEXT]|Expected a number",
        "a FETCH 1 BODY.PEEK|too early",
        "a FETCH 1 BODY.PEEK (|Expected '['",
        "a FETCH 1 (FLAGS) (FOO)|Unknown FETCH modifier",
        "a FETCH 1 (FLAGS) (VANISHED)|VANISHED needs UID FETCH",
        "a FETCH 1 BODY[99999999999]|Number too large"
      })
  void malformedFetchesAreRefused(String command, String message) {
    assertThatThrownBy(() -> fetch(command))
        .isInstanceOfSatisfying(
            ParseException.class,
            e -> {
              assertThat(e.tag()).isEqualTo("a");
              assertThat(e.getMessage()).containsIgnoringCase(message);
            });
  }
}
