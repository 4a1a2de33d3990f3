package dev.mailvault.store;

import dev.mailvault.core.error.MailvaultException;

/** The vault was written by a newer Mailvault; opening it with this one could damage it. */
public final class VaultSchemaException extends MailvaultException {

  private static final long serialVersionUID = 1L;

  public VaultSchemaException(String message) {
    super(message);
  }
}
