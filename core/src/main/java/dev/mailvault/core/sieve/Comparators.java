package dev.mailvault.core.sieve;

import java.nio.charset.StandardCharsets;

/**
 * The comparators of RFC 4790 that Sieve names: {@code i;octet} (§9.3), {@code i;ascii-casemap}
 * (§9.2, the default of RFC 5228 §2.7.3) and {@code i;ascii-numeric} (§9.1).
 */
final class Comparators {

  private Comparators() {}

  static boolean foldsCase(String comparator) {
    return comparator.equals("i;ascii-casemap");
  }

  static boolean equal(String comparator, String value, String key) {
    return compare(comparator, value, key) == 0;
  }

  static boolean contains(String comparator, String value, String key) {
    return foldsCase(comparator) ? fold(value).contains(fold(key)) : value.contains(key);
  }

  /** The ordering the relational tests use (RFC 5231 §4). */
  static int compare(String comparator, String a, String b) {
    switch (comparator) {
      case "i;ascii-numeric":
        return numeric(a, b);
      case "i;ascii-casemap":
        return octets(fold(a), fold(b));
      default:
        return octets(a, b);
    }
  }

  static String fold(String s) {
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        if (sb == null) {
          sb = new StringBuilder(s);
        }
        sb.setCharAt(i, (char) (c + 32));
      }
    }
    return sb == null ? s : sb.toString();
  }

  private static int octets(String a, String b) {
    byte[] x = a.getBytes(StandardCharsets.UTF_8);
    byte[] y = b.getBytes(StandardCharsets.UTF_8);
    return java.util.Arrays.compareUnsigned(x, y);
  }

  /**
   * RFC 4790 §9.1: the leading digits are the value; a string that does not begin with a digit is
   * positive infinity, equal to every other such string.
   */
  private static int numeric(String a, String b) {
    String x = digits(a);
    String y = digits(b);
    if (x == null || y == null) {
      return x == null ? (y == null ? 0 : 1) : -1;
    }
    if (x.length() != y.length()) {
      return Integer.compare(x.length(), y.length());
    }
    return x.compareTo(y);
  }

  private static String digits(String s) {
    int end = 0;
    while (end < s.length() && s.charAt(end) >= '0' && s.charAt(end) <= '9') {
      end++;
    }
    if (end == 0) {
      return null;
    }
    int start = 0;
    while (start < end - 1 && s.charAt(start) == '0') {
      start++;
    }
    return s.substring(start, end);
  }
}
