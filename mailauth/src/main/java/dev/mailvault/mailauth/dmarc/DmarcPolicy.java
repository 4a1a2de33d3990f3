package dev.mailvault.mailauth.dmarc;

import java.util.Locale;

/** What a domain owner asks receivers to do with mail that fails DMARC (RFC 7489 §6.3 "p"). */
public enum DmarcPolicy {
  NONE,
  QUARANTINE,
  REJECT;

  /** The tag value. */
  public String token() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The policy named {@code value}, case-insensitively, or null for anything else. */
  static DmarcPolicy parse(String value) {
    for (DmarcPolicy policy : values()) {
      if (policy.token().equalsIgnoreCase(value)) {
        return policy;
      }
    }
    return null;
  }
}
