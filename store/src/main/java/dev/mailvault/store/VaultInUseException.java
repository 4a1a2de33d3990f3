package dev.mailvault.store;

import dev.mailvault.core.error.MailvaultException;

/** The vault is open, so it cannot be deleted now. */
public final class VaultInUseException extends MailvaultException {

  private static final long serialVersionUID = 1L;

  public VaultInUseException(String vaultId) {
    super("vault " + vaultId + " is in use");
  }
}
