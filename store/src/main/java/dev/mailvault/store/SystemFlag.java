package dev.mailvault.store;

/**
 * The system flags a message keeps (RFC 9051 §2.3.2), stored as one bit each. {@code \Recent} is
 * not here: it belongs to a session, not to the message (and IMAP4rev2 dropped it).
 */
public enum SystemFlag {
  SEEN("\\Seen", 1),
  ANSWERED("\\Answered", 2),
  FLAGGED("\\Flagged", 4),
  DELETED("\\Deleted", 8),
  DRAFT("\\Draft", 16);

  private final String imapName;
  private final int bit;

  SystemFlag(String imapName, int bit) {
    this.imapName = imapName;
    this.bit = bit;
  }

  /** The flag as IMAP writes it, e.g. {@code \Seen}. */
  public String imapName() {
    return imapName;
  }

  int bit() {
    return bit;
  }
}
