package dev.mailvault.core.access;

/** How STORE changes flags (RFC 9051 §6.4.6): {@code FLAGS}, {@code +FLAGS}, {@code -FLAGS}. */
public enum StoreMode {
  REPLACE,
  ADD,
  REMOVE
}
