package dev.mailvault.directory;

/** What the MX does with a message for an alias (issue 15, ADR 0240). */
public enum DeliveryMode {
  /** Into the alias's vault (or sealed into its spool): the default. */
  STORE,
  /** Only to the alias's forward targets; nothing is written to its vault or spool. */
  FORWARD,
  /** Both, all-or-nothing with the MX's 250. */
  BOTH;

  /** Whether a copy goes into the vault or spool. */
  public boolean stores() {
    return this != FORWARD;
  }

  /** Whether copies go to the forward targets. */
  public boolean forwards() {
    return this != STORE;
  }
}
