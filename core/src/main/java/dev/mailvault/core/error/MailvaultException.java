package dev.mailvault.core.error;

/**
 * The root of Mailvault's checked failures that a user's action can cause. Its message is one
 * readable line, fit to show a user or a mail client; it never carries a password, a key or the
 * content of a message.
 */
public class MailvaultException extends Exception {

  private static final long serialVersionUID = 1L;

  public MailvaultException(String message) {
    super(message);
  }

  public MailvaultException(String message, Throwable cause) {
    super(message, cause);
  }
}
