package dev.mailvault.core.mail;

import java.util.Optional;

/**
 * The system flags a message keeps (RFC 9051 §2.3.2). {@code \Recent} is not here: it belongs to a
 * session, not to the message (and IMAP4rev2 dropped it).
 */
public enum SystemFlag {
  SEEN("\\Seen"),
  ANSWERED("\\Answered"),
  FLAGGED("\\Flagged"),
  DELETED("\\Deleted"),
  DRAFT("\\Draft");

  private final String imapName;

  SystemFlag(String imapName) {
    this.imapName = imapName;
  }

  /** The system flag {@code name} names, compared case-insensitively (RFC 9051 §2.3.2). */
  public static Optional<SystemFlag> fromImapName(String name) {
    for (SystemFlag flag : values()) {
      if (flag.imapName.equalsIgnoreCase(name)) {
        return Optional.of(flag);
      }
    }
    return Optional.empty();
  }

  /** The flag as IMAP writes it, e.g. {@code \Seen}. */
  public String imapName() {
    return imapName;
  }
}
