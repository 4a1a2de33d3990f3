package dev.mailvault.store;

import dev.mailvault.core.error.MailvaultException;

/** No vault file exists for the given id. */
public final class VaultNotFoundException extends MailvaultException {

  private static final long serialVersionUID = 1L;

  public VaultNotFoundException(String vaultId) {
    super("no vault " + vaultId);
  }
}
