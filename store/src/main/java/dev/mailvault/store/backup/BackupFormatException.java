package dev.mailvault.store.backup;

import dev.mailvault.core.error.MailvaultException;

/** A stored backup or its manifest is damaged, foreign, or does not match. */
public final class BackupFormatException extends MailvaultException {

  private static final long serialVersionUID = 1L;

  public BackupFormatException(String message) {
    super(message);
  }
}
