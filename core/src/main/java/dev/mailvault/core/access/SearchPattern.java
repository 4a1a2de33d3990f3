package dev.mailvault.core.access;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.regex.Matcher;

/**
 * The regular expressions a client may give SEARCH X-REGEX: RE2 syntax, run by re2j in time linear
 * in the text (no backtracking, so no pattern is catastrophic), and bounded in size so that the
 * compiled program stays small: at most {@link #MAX_LENGTH} characters, and counted repetitions
 * ({@code {n}}, {@code {n,m}}) whose bounds multiplied together stay at most {@link
 * #MAX_REPETITION} (nesting them multiplies the program). Docs/adr/0221-search-regex.md.
 */
public final class SearchPattern {

  /** The longest pattern accepted, in characters. */
  public static final int MAX_LENGTH = 1000;

  /** The largest product of the counted repetitions' bounds. */
  public static final int MAX_REPETITION = 1000;

  private static final java.util.regex.Pattern COUNTED =
      java.util.regex.Pattern.compile("\\{(\\d{1,7})(?:,(\\d{0,7}))?\\}");

  private SearchPattern() {}

  /**
   * Compiles {@code pattern} case-insensitively.
   *
   * @throws SearchPatternException when it is too long, repeats too much or is not RE2 syntax
   */
  public static Pattern compile(String pattern) throws SearchPatternException {
    return compile(pattern, true);
  }

  /**
   * Compiles {@code pattern} with the same bounds, case-insensitively or not (Sieve's {@code
   * :regex} follows its comparator, ADR 0236).
   */
  public static Pattern compile(String pattern, boolean caseInsensitive)
      throws SearchPatternException {
    if (pattern.length() > MAX_LENGTH) {
      throw new SearchPatternException("X-REGEX pattern longer than " + MAX_LENGTH + " characters");
    }
    long product = 1;
    Matcher counted = COUNTED.matcher(pattern);
    while (counted.find()) {
      long bound = Long.parseLong(counted.group(1));
      if (counted.group(2) != null && !counted.group(2).isEmpty()) {
        bound = Math.max(bound, Long.parseLong(counted.group(2)));
      }
      product *= Math.max(1, bound);
      if (product > MAX_REPETITION) {
        throw new SearchPatternException(
            "X-REGEX pattern repeats more than " + MAX_REPETITION + " times");
      }
    }
    try {
      return Pattern.compile(pattern, caseInsensitive ? Pattern.CASE_INSENSITIVE : 0);
    } catch (PatternSyntaxException e) {
      // the description only, never the pattern: it is the user's text
      throw new SearchPatternException("X-REGEX pattern is not RE2 syntax: " + e.getDescription());
    }
  }
}
