package dev.mailvault.core.outbound;

/** RFC 3461 §4.1 NOTIFY values. */
public enum DsnNotify {
  NEVER,
  SUCCESS,
  FAILURE,
  DELAY
}
