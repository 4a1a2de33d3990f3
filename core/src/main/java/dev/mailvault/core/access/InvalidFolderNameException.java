package dev.mailvault.core.access;

import dev.mailvault.core.error.MailvaultException;

/**
 * A folder name the store cannot accept: empty, with an empty level, a wildcard or a control
 * character.
 */
public final class InvalidFolderNameException extends MailvaultException {

  private static final long serialVersionUID = 1L;

  public InvalidFolderNameException(String reason) {
    super("invalid folder name: " + reason);
  }
}
