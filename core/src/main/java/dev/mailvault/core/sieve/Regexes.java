package dev.mailvault.core.sieve;

import com.google.re2j.Pattern;
import dev.mailvault.core.access.SearchPattern;
import dev.mailvault.core.access.SearchPatternException;

/**
 * The {@code :regex} match type (draft-ietf-sieve-regex-01 §3) on RE2/J, whose matching time is
 * linear in the input whatever the pattern, so a hostile script cannot stall delivery. Patterns
 * have the bounds of SEARCH X-REGEX (ADR 0221): length and counted repetitions.
 */
final class Regexes {

  private Regexes() {}

  /**
   * Compiles {@code regex}; i;ascii-casemap (the default comparator) makes it case-insensitive.
   *
   * @throws InvalidRegexException when the pattern is not RE2 syntax or passes the bounds
   */
  static Pattern compile(String regex, String comparator) throws InvalidRegexException {
    try {
      return SearchPattern.compile(regex, Comparators.foldsCase(comparator));
    } catch (SearchPatternException e) {
      throw new InvalidRegexException();
    }
  }

  /** A pattern that cannot be used; carries no text of it. */
  static final class InvalidRegexException extends Exception {
    private static final long serialVersionUID = 1L;
  }
}
