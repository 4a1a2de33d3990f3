package dev.mailvault.imap.codec;

import dev.mailvault.core.error.MailvaultException;

/**
 * A command that does not follow the grammar (RFC 9051 §9). The handler answers {@code tag BAD
 * <message>}, or {@code * BAD <message>} when no tag could be read (RFC 9051 §7.1.5).
 */
public final class ParseException extends MailvaultException {

  private static final long serialVersionUID = 1L;

  private final String tag;

  public ParseException(String tag, String message) {
    super(message);
    this.tag = tag;
  }

  /** The command's tag, or {@code null} when none was read. */
  public String tag() {
    return tag;
  }
}
