package dev.mailvault.imap.codec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.imap.codec.ImapCommand.Search;
import dev.mailvault.imap.codec.SearchKey.All;
import dev.mailvault.imap.codec.SearchKey.And;
import dev.mailvault.imap.codec.SearchKey.Date;
import dev.mailvault.imap.codec.SearchKey.DateField;
import dev.mailvault.imap.codec.SearchKey.DateRelation;
import dev.mailvault.imap.codec.SearchKey.FlagKey;
import dev.mailvault.imap.codec.SearchKey.Header;
import dev.mailvault.imap.codec.SearchKey.ModSeq;
import dev.mailvault.imap.codec.SearchKey.Not;
import dev.mailvault.imap.codec.SearchKey.Or;
import dev.mailvault.imap.codec.SearchKey.RecentKey;
import dev.mailvault.imap.codec.SearchKey.RecentKind;
import dev.mailvault.imap.codec.SearchKey.Sequence;
import dev.mailvault.imap.codec.SearchKey.Size;
import dev.mailvault.imap.codec.SearchKey.Text;
import dev.mailvault.imap.codec.SearchKey.Uid;
import dev.mailvault.imap.codec.SequenceSet.Range;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SearchParserTest {

  private static Search search(String command) throws ParseException {
    return (Search) new CommandParser().parse(command.getBytes(UTF_8), NameEncoding.UTF8);
  }

  @Test
  void rfcExampleIsAnAndOfThreeKeys() throws Exception {
    // RFC 9051 §6.4.4 example.
    Search search =
        search("A282 SEARCH RETURN (MIN COUNT) FLAGGED SINCE 1-Feb-1994 NOT FROM \"Smith\"");
    assertThat(search.uid()).isFalse();
    assertThat(search.returnOptions()).containsExactly("MIN", "COUNT");
    assertThat(search.charset()).isNull();
    assertThat(search.key())
        .isEqualTo(
            new And(
                List.of(
                    new FlagKey("\\Flagged", true),
                    new Date(DateField.INTERNAL, DateRelation.SINCE, LocalDate.of(1994, 2, 1)),
                    new Not(new Header("From", "Smith")))));
  }

  @Test
  void orNotAndParenthesesNest() throws Exception {
    Search search = search("a UID SEARCH OR (SEEN 1:3) NOT (UNKEYWORD $Junk LARGER 1000)");
    assertThat(search.uid()).isTrue();
    assertThat(search.returnOptions()).isNull();
    assertThat(search.key())
        .isEqualTo(
            new Or(
                new And(
                    List.of(
                        new FlagKey("\\Seen", true),
                        new Sequence(SequenceSet.of(new Range(1, 3))))),
                new Not(new And(List.of(new FlagKey("$Junk", false), new Size(true, 1000))))));
  }

  @Test
  void everyKeyOfTheGrammar() throws Exception {
    Search search =
        search(
            "a SEARCH CHARSET utf-8 ALL ANSWERED UNANSWERED DELETED UNDELETED DRAFT"
                + " UNDRAFT FLAGGED UNFLAGGED SEEN UNSEEN NEW OLD RECENT KEYWORD $Work"
                + " BCC b CC c FROM f TO t SUBJECT {5}\r\nsübj HEADER X-Spam yes BODY body TEXT text"
                + " BEFORE 1-Jan-2020 ON \"02-Mar-2021\" SENTBEFORE 3-Apr-2022 SENTON 4-May-2023"
                + " SENTSINCE 5-Jun-2024 SMALLER 5 UID 4:* $ MODSEQ 620162338"
                + " MODSEQ \"/flags/\\\\draft\" all 620162339 *");
    assertThat(search.charset()).isEqualTo("UTF-8");
    List<SearchKey> keys = ((And) search.key()).keys();
    assertThat(keys).hasSize(34);
    assertThat(keys)
        .contains(
            new All(),
            new RecentKey(RecentKind.NEW),
            new FlagKey("$Work", true),
            new Header("Bcc", "b"),
            new Header("Subject", "sübj"),
            new Header("X-Spam", "yes"),
            new Text(false, "body"),
            new Text(true, "text"),
            new Date(DateField.INTERNAL, DateRelation.ON, LocalDate.of(2021, 3, 2)),
            new Date(DateField.SENT, DateRelation.SINCE, LocalDate.of(2024, 6, 5)),
            new Size(false, 5),
            new Uid(SequenceSet.of(new Range(4, SequenceSet.STAR))),
            new Sequence(SequenceSet.SAVED),
            new ModSeq(620162338),
            new ModSeq(620162339),
            new Sequence(SequenceSet.of(new Range(SequenceSet.STAR, SequenceSet.STAR))));
  }

  @Test
  void nestingIsBoundedSoTheStackIsSafe() throws Exception {
    String deep = "a SEARCH " + "NOT ".repeat(SearchParser.MAX_DEPTH) + "ALL";
    assertThat(search(deep).key()).isInstanceOf(Not.class);
    String tooDeep = "a SEARCH " + "(".repeat(10_000) + "ALL" + ")".repeat(10_000);
    assertThatThrownBy(() -> search(tooDeep))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("nested too deeply");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a SEARCH|too early",
        "a SEARCH FOO|Unknown SEARCH key",
        "a SEARCH RETURN (BOGUS) ALL|Unknown SEARCH return option",
        "a SEARCH RETURN (MIN)|too early",
        "a SEARCH CHARSET|too early",
        "a SEARCH OR SEEN|too early",
        "a SEARCH (SEEN|too early",
        "a SEARCH SINCE 30-Feb-2020|Invalid date",
        "a SEARCH SINCE 1-Foo-2020|Expected a month",
        "a SEARCH LARGER x|Expected a number",
        "a SEARCH UID|too early",
        "a SEARCH HEADER X-A|too early",
        "a SEARCH MODSEQ \"/flags/x\" bogus 1|Unknown MODSEQ entry type",
        "a SEARCH 1:0|Zero",
        "a SEARCH ALL )|Expected an atom",
        "a SEARCH ALL\tALL|Unexpected characters"
      })
  void malformedSearchesAreRefused(String command, String message) {
    assertThatThrownBy(() -> search(command))
        .isInstanceOfSatisfying(
            ParseException.class,
            e -> {
              assertThat(e.tag()).isEqualTo("a");
              assertThat(e.getMessage()).containsIgnoringCase(message);
            });
  }

  @Test
  void xRegexNamesItsFieldAndKeepsThePattern() throws Exception {
    assertThat(search("a SEARCH X-REGEX subject \"^re: [0-9]+\"").key())
        .isEqualTo(new SearchKey.Regex(SearchKey.RegexTarget.HEADER, "Subject", "^re: [0-9]+"));
    assertThat(search("a SEARCH X-REGEX HEADER X-Mailer mutt|pine").key())
        .isEqualTo(new SearchKey.Regex(SearchKey.RegexTarget.HEADER, "X-Mailer", "mutt|pine"));
    assertThat(search("a SEARCH NOT X-REGEX TEXT \"(a*)*b\"").key())
        .isEqualTo(new Not(new SearchKey.Regex(SearchKey.RegexTarget.TEXT, "", "(a*)*b")));
    assertThat(search("a SEARCH X-REGEX BODY x").key())
        .isEqualTo(new SearchKey.Regex(SearchKey.RegexTarget.BODY, "", "x"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "a SEARCH X-REGEX SUBJECT \"(\"|X-REGEX pattern is not RE2 syntax",
        "a SEARCH X-REGEX BODY \"a**\"|X-REGEX pattern is not RE2 syntax",
        "a SEARCH X-REGEX BODY \"(a{100}){11}\"|X-REGEX pattern repeats more than 1000 times",
        "a SEARCH X-REGEX SIZE x|Unknown X-REGEX field SIZE",
        "a SEARCH X-REGEX BODY|Command ends too early"
      })
  void xRegexRefusesWhatItCannotRunSafely(String command, String message) {
    assertThatThrownBy(() -> search(command))
        .isInstanceOf(ParseException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void xRegexRefusesAPatternOverTheLengthBound() {
    String pattern = "a".repeat(1001);
    assertThatThrownBy(() -> search("a SEARCH X-REGEX BODY " + pattern))
        .isInstanceOf(ParseException.class)
        .hasMessage("X-REGEX pattern longer than 1000 characters");
  }
}
