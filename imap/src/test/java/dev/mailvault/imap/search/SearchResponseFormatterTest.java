package dev.mailvault.imap.search;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SearchResponseFormatterTest {

  // Sequence numbers 1..9 are UIDs 10, 20, ..., 90.
  private static final SearchView VIEW =
      SearchView.of(new long[] {10, 20, 30, 40, 50, 60, 70, 80, 90});

  private static String format(boolean uid, SearchReturn shape, long... matches) {
    return new String(SearchResponseFormatter.format("A1", uid, shape, matches, VIEW), UTF_8);
  }

  @Test
  void rev1SearchListsSequenceNumbersOrUids() throws Exception {
    SearchReturn rev1 = SearchReturn.of(null, false);
    assertThat(format(false, rev1, 20, 50, 90)).isEqualTo("* SEARCH 2 5 9\r\n");
    assertThat(format(true, rev1, 20, 50, 90)).isEqualTo("* SEARCH 20 50 90\r\n");
    assertThat(format(false, rev1)).isEqualTo("* SEARCH\r\n");
  }

  @Test
  void esearchWithEveryReturnOption() throws Exception {
    SearchReturn all = SearchReturn.of(List.of("MIN", "MAX", "COUNT", "ALL"), false);
    assertThat(format(true, all, 20, 50, 60, 70, 80, 90))
        .isEqualTo("* ESEARCH (TAG \"A1\") UID MIN 20 MAX 90 COUNT 6 ALL 20,50,60,70,80,90\r\n");
    assertThat(format(false, all, 20, 50, 60, 70, 80, 90))
        .isEqualTo("* ESEARCH (TAG \"A1\") MIN 2 MAX 9 COUNT 6 ALL 2,5:9\r\n");
  }

  @Test
  void esearchWithNoMatchKeepsOnlyCount() throws Exception {
    SearchReturn all = SearchReturn.of(List.of("ALL", "COUNT", "MIN"), false);
    assertThat(format(true, all)).isEqualTo("* ESEARCH (TAG \"A1\") UID COUNT 0\r\n");
    assertThat(format(false, SearchReturn.of(List.of("MIN"), false)))
        .isEqualTo("* ESEARCH (TAG \"A1\")\r\n");
  }

  @Test
  void emptyReturnAndRev2WithoutReturnMeanAll() throws Exception {
    assertThat(format(false, SearchReturn.of(List.of(), false), 10, 20, 30))
        .isEqualTo("* ESEARCH (TAG \"A1\") ALL 1:3\r\n");
    assertThat(format(false, SearchReturn.of(null, true), 10, 30))
        .isEqualTo("* ESEARCH (TAG \"A1\") ALL 1,3\r\n");
  }

  @Test
  void matchesTheSessionDoesNotKnowAreLeftOut() throws Exception {
    assertThat(format(false, SearchReturn.of(null, false), 20, 95, 100))
        .isEqualTo("* SEARCH 2\r\n");
    assertThat(format(true, SearchReturn.of(List.of("COUNT"), false), 20, 95))
        .isEqualTo("* ESEARCH (TAG \"A1\") UID COUNT 1\r\n");
  }

  @Test
  void saveAloneAnswersNothingAndUnknownOptionsAreRefused() throws Exception {
    // RFC 5182 §2.1: SAVE without other options asks for no ESEARCH response.
    assertThat(format(false, SearchReturn.of(List.of("SAVE"), false), 10, 20)).isEmpty();
    assertThat(format(false, SearchReturn.of(List.of("SAVE", "COUNT"), false), 10, 20))
        .isEqualTo("* ESEARCH (TAG \"A1\") COUNT 2\r\n");
    assertThatThrownBy(() -> SearchReturn.of(List.of("MIN", "FROZZLE"), false))
        .isInstanceOf(SearchReturnException.class)
        .hasMessageContaining("FROZZLE");
  }

  @Test
  void partialAnswersTheRangeOfPositionsAskedFor() throws Exception {
    SearchReturn partial = SearchReturn.of(List.of("PARTIAL", "4:2"), false);
    // RFC 5267 §4.4: positions 2..4 of the matches, the range echoed low to high.
    assertThat(format(false, partial, 10, 20, 30, 50, 60))
        .isEqualTo("* ESEARCH (TAG \"A1\") PARTIAL (2:4 2:3,5)\r\n");
    assertThat(format(false, SearchReturn.of(List.of("PARTIAL", "9:10"), false), 10))
        .isEqualTo("* ESEARCH (TAG \"A1\") PARTIAL (9:10 NIL)\r\n");
    // RFC 9394 §3.1: negative positions count from the end.
    assertThat(format(true, SearchReturn.of(List.of("PARTIAL", "-1:-2"), false), 10, 20, 30))
        .isEqualTo("* ESEARCH (TAG \"A1\") UID PARTIAL (-2:-1 20,30)\r\n");
  }

  @Test
  void sortedAnswersKeepTheSortOrder() throws Exception {
    long[] sorted = {50, 30, 40, 20, 10};
    assertThat(sorted(SearchReturn.of(null, false), sorted)).isEqualTo("* SORT 5 3 4 2 1\r\n");
    assertThat(sorted(SearchReturn.of(List.of("MIN", "MAX", "ALL"), false), sorted))
        .isEqualTo("* ESEARCH (TAG \"A1\") MIN 5 MAX 1 ALL 5,3:4,2,1\r\n");
    assertThat(sorted(SearchReturn.of(List.of("PARTIAL", "2:4"), false), sorted))
        .isEqualTo("* ESEARCH (TAG \"A1\") PARTIAL (2:4 3:4,2)\r\n");
  }

  private static String sorted(SearchReturn shape, long... uids) {
    return new String(SearchResponseFormatter.formatSorted("A1", false, shape, uids, VIEW), UTF_8);
  }

  @Test
  void compressionJoinsRuns() {
    assertThat(SearchResponseFormatter.compress(new long[] {1, 2, 3, 5, 7, 8, 10}))
        .isEqualTo("1:3,5,7:8,10");
    assertThat(SearchResponseFormatter.compress(new long[] {4})).isEqualTo("4");
    assertThat(SearchResponseFormatter.compress(new long[0])).isEmpty();
  }
}
