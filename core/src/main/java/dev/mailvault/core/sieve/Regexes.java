package dev.mailvault.core.sieve;

import com.google.re2j.Pattern;

/**
 * The {@code :regex} match type (draft-ietf-sieve-regex-01 §3) on RE2/J, whose matching time is
 * linear in the input whatever the pattern, so a hostile script cannot stall delivery.
 */
final class Regexes {

  /** Patterns longer than this are refused; real filters are far shorter. */
  static final int MAX_PATTERN = 4096;

  private Regexes() {}

  static Pattern compile(String regex, String comparator) {
    if (regex.length() > MAX_PATTERN) {
      throw new com.google.re2j.PatternSyntaxException("pattern too long", "");
    }
    // The draft: i;ascii-casemap makes the match case-insensitive.
    int flags = comparator.equals("i;ascii-casemap") ? Pattern.CASE_INSENSITIVE : 0;
    return Pattern.compile(regex, flags | Pattern.DOTALL);
  }
}
