package dev.mailvault.core.sieve;

import com.google.re2j.Pattern;
import java.util.List;

/**
 * How a test compares values with keys (RFC 5228 §2.7): the comparator, the match type and, for the
 * relational match types, the relation (RFC 5231 §4). Regular expressions that hold no variables
 * are compiled once, at compile time.
 *
 * @param comparator {@code i;octet}, {@code i;ascii-casemap} or {@code i;ascii-numeric}
 * @param type {@code is}, {@code contains}, {@code matches}, {@code value}, {@code count} or {@code
 *     regex}
 * @param relation {@code gt ge lt le eq ne} for {@code value} and {@code count}, else null
 * @param patterns for {@code regex}, the compiled key at each index, null where it expands
 */
record MatchSpec(String comparator, String type, String relation, List<Pattern> patterns) {

  static final List<String> COMPARATORS = List.of("i;octet", "i;ascii-casemap", "i;ascii-numeric");
  static final List<String> RELATIONS = List.of("gt", "ge", "lt", "le", "eq", "ne");

  MatchSpec {
    patterns = patterns == null ? null : java.util.Collections.unmodifiableList(patterns);
  }
}
