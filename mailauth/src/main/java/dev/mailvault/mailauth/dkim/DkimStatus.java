package dev.mailvault.mailauth.dkim;

import java.util.Locale;

/** The result of verifying one DKIM signature (RFC 6376 §6.1, named as in RFC 8601 §2.7.1). */
public enum DkimStatus {
  /** The signature verified. */
  PASS,
  /** The signature or the body hash did not verify: the message was changed, or forged. */
  FAIL,
  /** The signature could not be judged for a reason other than the others here. */
  NEUTRAL,
  /** The key could not be fetched now (DNS timeout, SERVFAIL): worth trying later. */
  TEMPERROR,
  /** The signature or its key is unusable: bad syntax, no key, revoked key, weak algorithm. */
  PERMERROR,
  /** Not verified by our choice: beyond the number of signatures we verify per message. */
  POLICY;

  /** The token in an {@code Authentication-Results} field: {@code dkim=pass}. */
  public String token() {
    return name().toLowerCase(Locale.ROOT);
  }
}
