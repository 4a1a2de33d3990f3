package dev.mailvault.core.address;

import dev.mailvault.core.error.MailvaultException;

/**
 * A mail address or domain name is malformed. The message says what is wrong without repeating the
 * input, so it can be logged without leaking an address.
 */
public final class InvalidAddressException extends MailvaultException {

  private static final long serialVersionUID = 1L;

  public InvalidAddressException(String message) {
    super(message);
  }
}
