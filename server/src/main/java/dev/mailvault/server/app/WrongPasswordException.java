package dev.mailvault.server.app;

import dev.mailvault.core.error.MailvaultException;

/** The alias password given to an operation does not unlock the alias (or it is disabled). */
public final class WrongPasswordException extends MailvaultException {

  private static final long serialVersionUID = 1L;

  public WrongPasswordException() {
    super("wrong password (or the alias is disabled)");
  }
}
