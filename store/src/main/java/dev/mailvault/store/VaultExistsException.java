package dev.mailvault.store;

import dev.mailvault.core.error.MailvaultException;

/** A vault with the given id exists already. */
public final class VaultExistsException extends MailvaultException {

  private static final long serialVersionUID = 1L;

  public VaultExistsException(String vaultId) {
    super("vault " + vaultId + " exists already");
  }
}
