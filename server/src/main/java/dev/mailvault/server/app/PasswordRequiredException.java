package dev.mailvault.server.app;

import dev.mailvault.core.error.MailvaultException;

/** The operation needs the alias's password: its vault is not open in this process. */
public final class PasswordRequiredException extends MailvaultException {

  private static final long serialVersionUID = 1L;

  public PasswordRequiredException(String message) {
    super(message);
  }
}
