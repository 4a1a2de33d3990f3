package dev.mailvault.store.spool;

import dev.mailvault.core.error.MailvaultException;

/**
 * A spool item could not be opened: sealed for another key, altered, truncated, or in a format this
 * version does not know. The file is left in place for an operator.
 */
public final class SpoolItemUnreadableException extends MailvaultException {

  private static final long serialVersionUID = 1L;

  public SpoolItemUnreadableException(String message) {
    super(message);
  }

  public SpoolItemUnreadableException(String message, Throwable cause) {
    super(message, cause);
  }
}
