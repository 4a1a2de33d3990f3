package dev.mailvault.core.mime;

import dev.mailvault.core.error.MailvaultException;

/** A section specifier that does not follow RFC 9051 §6.4.5 syntax. */
public final class InvalidSectionException extends MailvaultException {

  private static final long serialVersionUID = 1L;

  public InvalidSectionException(String message) {
    super(message);
  }
}
