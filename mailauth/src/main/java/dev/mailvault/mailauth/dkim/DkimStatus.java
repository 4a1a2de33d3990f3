package dev.mailvault.mailauth.dkim;

import java.util.Locale;

/** The result of verifying one DKIM signature (RFC 8601 §2.7.1). */
public enum DkimStatus {
  PASS,
  FAIL,
  NEUTRAL,
  TEMPERROR,
  PERMERROR,
  POLICY;

  /** The result's name in an Authentication-Results field. */
  public String token() {
    return name().toLowerCase(Locale.ROOT);
  }
}
