package dev.mailvault.sieve.session;

/** RFC 5804 §1.6: before a successful AUTHENTICATE, and after it. */
public enum SieveState {
  NON_AUTHENTICATED,
  AUTHENTICATED
}
