package dev.mailvault.server.imapimport;

import dev.mailvault.core.error.MailvaultException;

/** The source server could not be reached, refused the login, or dropped the connection. */
public final class SourceConnectionException extends MailvaultException {

  private static final long serialVersionUID = 1L;

  public SourceConnectionException(String message, Throwable cause) {
    super(message, cause);
  }
}
