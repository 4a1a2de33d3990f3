package dev.mailvault.core.sieve;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The variables of one evaluation (RFC 5229): named variables, case-insensitive (§3), and the match
 * variables {@code ${0}}..{@code ${9}} of the last successful {@code :matches} or {@code :regex}
 * (§3.2). Bounded: at most {@link #MAX_VARIABLES} names, values cut to {@link #MAX_VALUE}
 * characters, and an expanded string cut to {@link #MAX_EXPANDED}.
 */
final class VariableStore {

  static final int MAX_VARIABLES = 256;
  static final int MAX_VALUE = 4096;
  static final int MAX_EXPANDED = 64 * 1024;
  static final int MATCH_VARIABLES = 10;

  /** Longer than any identifier {@link Variables#isIdentifier} accepts, plus "${". */
  private static final int MAX_NAME = 132;

  private final Map<String, String> values = new HashMap<>();
  private List<String> matches = List.of();

  String get(String name) {
    return values.getOrDefault(name.toLowerCase(Locale.ROOT), "");
  }

  boolean isSet(String name) {
    return values.containsKey(name.toLowerCase(Locale.ROOT));
  }

  void set(String name, String value) throws SieveRuntimeException {
    String key = name.toLowerCase(Locale.ROOT);
    if (!values.containsKey(key) && values.size() >= MAX_VARIABLES) {
      throw new SieveRuntimeException("more than " + MAX_VARIABLES + " variables");
    }
    values.put(key, cut(value, MAX_VALUE));
  }

  /** Sets {@code ${0}} to {@code whole} and {@code ${1}}.. to {@code groups}. */
  void setMatches(String whole, List<String> groups) {
    List<String> m = new ArrayList<>(MATCH_VARIABLES);
    m.add(cut(whole, MAX_VALUE));
    for (int i = 0; i < groups.size() && m.size() < MATCH_VARIABLES; i++) {
      m.add(cut(groups.get(i) == null ? "" : groups.get(i), MAX_VALUE));
    }
    matches = m;
  }

  /** {@code text} with its variable references replaced (RFC 5229 §3), in one pass. */
  String expand(Text text) {
    String s = text.value();
    if (!text.expands()) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    // The next '}' is searched again only once passed, so "${${${..." costs linear time.
    int close = -1;
    while (i < s.length() && out.length() < MAX_EXPANDED) {
      int start = s.indexOf("${", i);
      if (start < 0) {
        out.append(s, i, s.length());
        break;
      }
      out.append(s, i, start);
      if (close != Integer.MAX_VALUE && close < start + 2) {
        close = s.indexOf('}', start + 2);
        close = close < 0 ? Integer.MAX_VALUE : close;
      }
      String name =
          close == Integer.MAX_VALUE || close - start > MAX_NAME
              ? null
              : s.substring(start + 2, close);
      String value = name == null ? null : lookup(name);
      if (value == null) {
        // Not a reference (RFC 5229 §3: "${" not followed by a name is kept as it is).
        out.append("${");
        i = start + 2;
      } else {
        out.append(value);
        i = close + 1;
      }
    }
    return cut(out.toString(), MAX_EXPANDED);
  }

  private String lookup(String name) {
    if (!name.isEmpty() && name.chars().allMatch(c -> c >= '0' && c <= '9')) {
      int index = name.length() > 3 ? Integer.MAX_VALUE : Integer.parseInt(name);
      return index < matches.size() ? matches.get(index) : "";
    }
    return Variables.isIdentifier(name) ? get(name) : null;
  }

  static String cut(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
    return s.substring(0, end);
  }
}
