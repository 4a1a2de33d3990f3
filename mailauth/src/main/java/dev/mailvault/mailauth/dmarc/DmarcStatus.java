package dev.mailvault.mailauth.dmarc;

import java.util.Locale;

/** The DMARC results of RFC 7489 §11.2 (the Authentication-Results registry). */
public enum DmarcStatus {
  PASS,
  FAIL,
  NONE,
  TEMPERROR,
  PERMERROR;

  /** The result's name in an Authentication-Results field. */
  public String token() {
    return name().toLowerCase(Locale.ROOT);
  }
}
