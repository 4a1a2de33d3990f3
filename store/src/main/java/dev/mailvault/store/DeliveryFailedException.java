package dev.mailvault.store;

import dev.mailvault.core.error.MailvaultException;

/**
 * A delivery could not make every copy durable (disk full, an I/O error); the copies already made
 * were taken back. A temporary failure: the sender should try again later.
 */
public final class DeliveryFailedException extends MailvaultException {

  private static final long serialVersionUID = 1L;

  public DeliveryFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
