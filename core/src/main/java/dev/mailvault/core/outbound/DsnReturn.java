package dev.mailvault.core.outbound;

/** RFC 3461 §4.3 RET: what a delivery status notification carries of the original message. */
public enum DsnReturn {
  /** Not given: the headers only, as most MTAs do and RFC 3461 §4.3 allows. */
  DEFAULT,
  /** RET=HDRS: the headers only. */
  HEADERS,
  /** RET=FULL: the whole message. */
  FULL
}
