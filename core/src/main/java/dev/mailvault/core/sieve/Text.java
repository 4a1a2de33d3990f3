package dev.mailvault.core.sieve;

/**
 * A string of the script after compile time: encoded characters decoded (RFC 5228 §2.4.2.4), and
 * marked when it holds {@code ${...}} references to expand at run time (RFC 5229 §3).
 */
record Text(String value, boolean expands) {

  static Text of(String value, boolean variablesRequired) {
    return new Text(value, variablesRequired && value.contains("${"));
  }
}
