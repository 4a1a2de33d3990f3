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
