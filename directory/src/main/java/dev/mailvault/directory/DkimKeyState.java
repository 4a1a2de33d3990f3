package dev.mailvault.directory;

/** Where a DKIM key is in its life (ADR 0207). */
public enum DkimKeyState {
  /** Signs outgoing mail and is published. */
  ACTIVE,
  /**
   * Signs nothing any more, but stays published for a while, so that signatures made before the
   * rotation still verify while their messages are in transit or being re-checked.
   */
  RETIRED
}
