package dev.mailvault.imap.search;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.core.access.SearchQuery;
import dev.mailvault.core.access.SearchQuery.DateRelation;
import dev.mailvault.core.mail.SystemFlag;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.imap.codec.CommandParser;
import dev.mailvault.imap.codec.ImapCommand.Search;
import dev.mailvault.imap.codec.NameEncoding;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** From the wire through the codec's parser to the store's query. */
class SearchTranslatorTest {

  // Sequence numbers 1..6 are UIDs 3, 4, 5, 9, 10, 20; UIDs 10 and 20 are \Recent.
  private static final SearchView VIEW =
      new SearchView(new long[] {3, 4, 5, 9, 10, 20}, new long[] {10, 20});

  private static SearchQuery translate(String arguments) throws Exception {
    Search search =
        (Search)
            new CommandParser()
                .parse(("A1 SEARCH " + arguments).getBytes(UTF_8), NameEncoding.UTF8);
    return new SearchTranslator(VIEW).translate(search.charset(), search.key());
  }

  private static SearchQuery uids(long... uids) {
    return new SearchQuery.Uids(UidSet.of(uids));
  }

  @Test
  void sequenceNumbersBecomeTheUidsOfTheView() throws Exception {
    assertThat(translate("2:4")).isEqualTo(new SearchQuery.Uids(UidSet.of(4, 5, 9)));
    assertThat(translate("2:4")).isEqualTo(uids(4, 5, 9));
    assertThat(translate("5:*")).isEqualTo(uids(10, 20));
    assertThat(translate("*")).isEqualTo(uids(20));
    assertThat(translate("*:4")).isEqualTo(uids(9, 10, 20));
    assertThat(translate("1,6")).isEqualTo(uids(3, 20));
  }

  @Test
  void sequenceNumbersPastTheLastMessageNameNothing() throws Exception {
    assertThat(translate("7:9")).isEqualTo(new SearchQuery.Uids(new UidSet(List.of())));
    assertThat(translate("6:100")).isEqualTo(uids(20));
  }

  @Test
  void uidSetsKeepTheirUidsAndStarIsTheLargestUid() throws Exception {
    assertThat(translate("UID 4:9,15:*"))
        .isEqualTo(
            new SearchQuery.Uids(
                new UidSet(List.of(new UidSet.Range(4, 9), new UidSet.Range(15, 20)))));
    assertThat(translate("UID *")).isEqualTo(uids(20));
  }

  @Test
  void anEmptyViewResolvesStarWithoutFailing() throws Exception {
    Search search =
        (Search)
            new CommandParser().parse("A1 SEARCH 1:* UID *".getBytes(UTF_8), NameEncoding.UTF8);
    SearchQuery query =
        new SearchTranslator(SearchView.of(new long[0])).translate(null, search.key());
    assertThat(query)
        .isEqualTo(
            new SearchQuery.And(
                List.of(
                    new SearchQuery.Uids(new UidSet(List.of())),
                    new SearchQuery.Uids(new UidSet(List.of())))));
  }

  @Test
  void flagsKeywordsAndRecent() throws Exception {
    assertThat(translate("UNSEEN")).isEqualTo(new SearchQuery.Flag(SystemFlag.SEEN, false));
    assertThat(translate("KEYWORD $Junk")).isEqualTo(new SearchQuery.Keyword("$Junk", true));
    assertThat(translate("UNKEYWORD work")).isEqualTo(new SearchQuery.Keyword("work", false));
    assertThat(translate("RECENT")).isEqualTo(uids(10, 20));
    assertThat(translate("OLD")).isEqualTo(new SearchQuery.Not(uids(10, 20)));
    assertThat(translate("NEW"))
        .isEqualTo(
            new SearchQuery.And(
                List.of(uids(10, 20), new SearchQuery.Flag(SystemFlag.SEEN, false))));
  }

  @Test
  void nestingOrAndNotKeepTheirShape() throws Exception {
    assertThat(translate("OR (SEEN FLAGGED) NOT LARGER 100 SUBJECT \"hi there\""))
        .isEqualTo(
            new SearchQuery.And(
                List.of(
                    new SearchQuery.Or(
                        List.of(
                            new SearchQuery.And(
                                List.of(
                                    new SearchQuery.Flag(SystemFlag.SEEN, true),
                                    new SearchQuery.Flag(SystemFlag.FLAGGED, true))),
                            new SearchQuery.Not(new SearchQuery.Size(true, 100)))),
                    new SearchQuery.Header("Subject", "hi there"))));
  }

  @Test
  void textDateSizeAndModseqKeys() throws Exception {
    assertThat(translate("BODY \"café\"")).isEqualTo(new SearchQuery.Body("café"));
    assertThat(translate("TEXT x")).isEqualTo(new SearchQuery.Text("x"));
    assertThat(translate("HEADER X-Spam yes")).isEqualTo(new SearchQuery.Header("X-Spam", "yes"));
    assertThat(translate("FROM alice")).isEqualTo(new SearchQuery.Header("From", "alice"));
    assertThat(translate("BCC bob")).isEqualTo(new SearchQuery.Header("Bcc", "bob"));
    assertThat(translate("SINCE 1-Feb-2024"))
        .isEqualTo(new SearchQuery.InternalDate(DateRelation.SINCE, LocalDate.of(2024, 2, 1)));
    assertThat(translate("SENTBEFORE 1-Feb-2024"))
        .isEqualTo(new SearchQuery.SentDate(DateRelation.BEFORE, LocalDate.of(2024, 2, 1)));
    assertThat(translate("SMALLER 5000")).isEqualTo(new SearchQuery.Size(false, 5000));
    assertThat(translate("MODSEQ 7")).isEqualTo(new SearchQuery.ModSeq(7));
  }

  @ParameterizedTest
  @ValueSource(strings = {"CHARSET UTF-8 ALL", "CHARSET US-ASCII ALL", "CHARSET utf-8 ALL"})
  void usAsciiAndUtf8AreAccepted(String arguments) throws Exception {
    assertThat(translate(arguments)).isEqualTo(new SearchQuery.All());
  }

  @Test
  void anyOtherCharsetIsBadCharset() {
    assertThatThrownBy(() -> translate("CHARSET ISO-8859-1 TEXT x"))
        .isInstanceOf(BadCharsetException.class);
    assertThat(BadCharsetException.responseCodeArguments()).isEqualTo("(US-ASCII UTF-8)");
  }

  @Test
  void savedResultIsEmptyWithoutSearchres() throws Exception {
    assertThat(translate("$")).isEqualTo(new SearchQuery.Uids(new UidSet(List.of())));
  }
}
