package dev.mailvault.directory;

import dev.mailvault.core.error.MailvaultException;

/**
 * A directory operation refused by the user's input or the directory's state. Messages are one line
 * and name no address, domain, password or key, so they can be logged; the caller adds the name it
 * was given when it shows the message to an administrator.
 */
public class DirectoryException extends MailvaultException {

  private static final long serialVersionUID = 1L;

  public DirectoryException(String message) {
    super(message);
  }

  public DirectoryException(String message, Throwable cause) {
    super(message, cause);
  }
}
