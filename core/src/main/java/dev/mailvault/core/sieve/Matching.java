package dev.mailvault.core.sieve;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares the values a test found with its keys (RFC 5228 §2.7): true when any value matches any
 * key. A successful {@code :matches} or {@code :regex} sets the match variables (RFC 5229 §3.2).
 */
final class Matching {

  private Matching() {}

  static boolean test(
      MatchSpec spec, List<String> values, List<Text> keys, VariableStore vars, WorkBudget budget)
      throws SieveRuntimeException {
    String cmp = spec.comparator();
    if (spec.type().equals("count")) {
      // RFC 5231 §4.2: the number of values, compared with each key by the comparator.
      String count = Integer.toString(values.size());
      for (Text key : keys) {
        if (holds(spec.relation(), Comparators.compare(cmp, count, vars.expand(key)))) {
          return true;
        }
      }
      return false;
    }
    for (int k = 0; k < keys.size(); k++) {
      String key = vars.expand(keys.get(k));
      Pattern pattern = spec.type().equals("regex") ? pattern(spec, k, key) : null;
      for (String value : values) {
        budget.charge(spec.type(), value, key);
        switch (spec.type()) {
          case "is":
            if (Comparators.equal(cmp, value, key)) {
              return true;
            }
            break;
          case "contains":
            if (Comparators.contains(cmp, value, key)) {
              return true;
            }
            break;
          case "value":
            if (holds(spec.relation(), Comparators.compare(cmp, value, key))) {
              return true;
            }
            break;
          case "matches":
            List<String> groups = Wildcard.match(key, value, Comparators.foldsCase(cmp));
            if (groups != null) {
              vars.setMatches(value, groups);
              return true;
            }
            break;
          case "regex":
            Matcher m = pattern.matcher(value);
            if (m.find()) {
              List<String> regexGroups = new ArrayList<>();
              for (int g = 1; g <= m.groupCount() && g < VariableStore.MATCH_VARIABLES; g++) {
                regexGroups.add(m.group(g));
              }
              vars.setMatches(m.group(), regexGroups);
              return true;
            }
            break;
          default:
            throw new IllegalStateException(spec.type());
        }
      }
    }
    return false;
  }

  private static Pattern pattern(MatchSpec spec, int index, String key)
      throws SieveRuntimeException {
    Pattern compiled = spec.patterns().get(index);
    if (compiled != null) {
      return compiled;
    }
    try {
      return Regexes.compile(key, spec.comparator());
    } catch (Regexes.InvalidRegexException e) {
      throw new SieveRuntimeException("invalid regular expression after variable expansion");
    }
  }

  private static boolean holds(String relation, int c) {
    return switch (relation) {
      case "gt" -> c > 0;
      case "ge" -> c >= 0;
      case "lt" -> c < 0;
      case "le" -> c <= 0;
      case "eq" -> c == 0;
      default -> c != 0;
    };
  }
}
