package dev.mailvault.core.sieve;

/** Variable names and values (RFC 5229 §3). */
final class Variables {

  private Variables() {}

  /** identifier = (ALPHA / "_") *(ALPHA / DIGIT / "_") (RFC 5228 §8.1). */
  static boolean isIdentifier(String s) {
    if (s.isEmpty() || s.length() > 128) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
      if (!alpha && !(i > 0 && c >= '0' && c <= '9')) {
        return false;
      }
    }
    return true;
  }
}
