package dev.mailvault.core.crypto;

import dev.mailvault.core.error.MailvaultException;

/**
 * AEAD-protected data could not be opened: the key is wrong, or the data was altered or damaged.
 * The AEAD tag cannot tell these apart, and neither does this exception.
 */
public final class UnwrapException extends MailvaultException {

  private static final long serialVersionUID = 1L;

  public UnwrapException(String message) {
    super(message);
  }

  public UnwrapException(String message, Throwable cause) {
    super(message, cause);
  }
}
