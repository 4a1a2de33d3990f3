package dev.mailvault.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class SearchTextTest {

  @ParameterizedTest
  @CsvSource({
    "'Quarterly REPORT attached', report, true",
    "'Quarterly REPORT attached', 'y rep', true",
    "'Quarterly REPORT attached', reports, false",
    "'STRASSE', strasse, true",
    "'Ÿes', ÿes, true",
    "'5 µs', 5 Μs, true",
    "'ΣΊΣΥΦΟΣ', σίσυφος, true",
    "'abc', '', true",
    "'', a, false",
    "'ab', abc, false"
  })
  void matchesCaseInsensitivelyAsRegionMatchesFolds(
      String haystack, String needle, boolean expected) {
    assertThat(SearchText.contains(haystack, needle)).isEqualTo(expected);
  }

  /** The scan that folds as it goes agrees with folding both strings whole and comparing. */
  @ParameterizedTest
  @MethodSource("seeds")
  void agreesWithFoldingWholeStrings(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    String alphabet = "aAbBµΜμßSsÿŸİIıi ΣσςÉé\u0130\u0131";
    for (int round = 0; round < 200; round++) {
      String haystack = randomText(random, alphabet, random.nextInt(40));
      String needle =
          random.nextBoolean() && haystack.length() > 2
              ? haystack.substring(random.nextInt(haystack.length() / 2), haystack.length() - 1)
              : randomText(random, alphabet, random.nextInt(4));
      boolean reference = SearchText.fold(haystack).contains(SearchText.fold(needle));
      assertThat(SearchText.contains(haystack, needle))
          .as("%s in %s", needle, haystack)
          .isEqualTo(reference);
    }
  }

  /**
   * The stored form of the full-text index answers as {@link SearchText#contains} does, for every
   * needle it accepts, with NUL and lone surrogates in the text (which it replaces).
   */
  @ParameterizedTest
  @MethodSource("seeds")
  void theSearchFormAgreesWithContainsForTheNeedlesItAccepts(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    String alphabet = "aAbBµΜßSsŸİı Σς\u0000\uD83D\uDE00\uDC00\uFFFD";
    int accepted = 0;
    for (int round = 0; round < 300; round++) {
      String haystack = randomText(random, alphabet, random.nextInt(30));
      String needle =
          random.nextBoolean() && haystack.length() > 2
              ? haystack.substring(random.nextInt(haystack.length() / 2), haystack.length() - 1)
              : randomText(random, alphabet, random.nextInt(4));
      if (!SearchText.searchable(needle)) {
        continue;
      }
      accepted++;
      assertThat(SearchText.searchForm(haystack).contains(SearchText.searchForm(needle)))
          .as("%s in %s", needle, haystack)
          .isEqualTo(SearchText.contains(haystack, needle));
    }
    assertThat(accepted).isPositive();
  }

  @Test
  void theSearchFormKeepsLengthsAndPairs() {
    assertThat(SearchText.searchForm("Ab\u0000\uD83D\uDE00\uDC00x"))
        .isEqualTo("ab\uFFFD\uD83D\uDE00\uFFFDx");
    assertThat(SearchText.searchable("a\uD83D\uDE00b")).isTrue();
    assertThat(SearchText.searchable("a\uD83Db")).isFalse();
    assertThat(SearchText.searchable("a\uFFFD")).isFalse();
    assertThat(SearchText.searchable("a\u0000")).isFalse();
  }

  @Test
  void bodyTextJoinsTheTextPartsAndNamesTheAttachments() throws Exception {
    byte[] raw =
        ("Content-Type: multipart/mixed; boundary=b\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\nfirst part\r\n"
                + "--b\r\nContent-Type: text/html\r\n\r\n<p>second <b>part</b></p>\r\n"
                + "--b\r\nContent-Type: application/pdf; name=\"r.pdf\"\r\n"
                + "Content-Disposition: attachment; filename=\"report.pdf\"\r\n\r\nJVBERi0=\r\n"
                + "--b--\r\n")
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    MimePart root = MessageParser.parse(raw).root();
    String body = SearchText.bodyText(root, ByteSource.of(raw));
    assertThat(body.split(String.valueOf(SearchText.SEPARATOR))).hasSize(2);
    assertThat(body).startsWith("first part").contains("second").doesNotContain("JVBERi0");
    assertThat(SearchText.attachmentNames(root, ByteSource.of(raw))).isEqualTo("report.pdf\n");
  }

  @Test
  void aNeedleFoundIsFoundInEveryCase() {
    String needle = SearchText.fold("Mailvault");
    assertThat(SearchText.containsFolded("THE MAILVAULT TEAM", needle)).isTrue();
    assertThat(SearchText.containsFolded("the mailvaul", needle)).isFalse();
  }

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 20);
  }

  private static String randomText(SplittableRandom random, String alphabet, int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }
}
