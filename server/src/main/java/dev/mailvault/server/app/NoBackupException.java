package dev.mailvault.server.app;

import dev.mailvault.core.error.MailvaultException;

/** The alias has no backup (at or before the time asked for). */
public final class NoBackupException extends MailvaultException {

  private static final long serialVersionUID = 1L;

  public NoBackupException(String message) {
    super(message);
  }
}
