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
  void saveIsRefused() {
    assertThatThrownBy(() -> SearchReturn.of(List.of("MIN", "SAVE"), false))
        .isInstanceOf(SearchReturnException.class)
        .hasMessageContaining("SAVE");
  }

  @Test
  void compressionJoinsRuns() {
    assertThat(SearchResponseFormatter.compress(new long[] {1, 2, 3, 5, 7, 8, 10}))
        .isEqualTo("1:3,5,7:8,10");
    assertThat(SearchResponseFormatter.compress(new long[] {4})).isEqualTo("4");
    assertThat(SearchResponseFormatter.compress(new long[0])).isEmpty();
  }
}
