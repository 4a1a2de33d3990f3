package dev.mailvault.mailauth.spf;

import java.util.Locale;

/** The seven results of {@code check_host()} (RFC 7208 §2.6). */
public enum SpfStatus {
  PASS,
  FAIL,
  SOFTFAIL,
  NEUTRAL,
  NONE,
  TEMPERROR,
  PERMERROR;

  /** The result's name in an Authentication-Results field (RFC 8601 §2.7.2). */
  public String token() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The result a matching directive gives for its qualifier (RFC 7208 §4.6.2). */
  static SpfStatus forQualifier(char qualifier) {
    return switch (qualifier) {
      case '-' -> FAIL;
      case '~' -> SOFTFAIL;
      case '?' -> NEUTRAL;
      default -> PASS;
    };
  }
}
