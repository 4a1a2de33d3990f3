package dev.mailvault.store;

import dev.mailvault.core.error.MailvaultException;

/**
 * The key does not open the vault: it is the wrong key, or the file is not a vault. SQLite cannot
 * tell the two apart, and neither can anyone without the key.
 */
public final class VaultKeyException extends MailvaultException {

  private static final long serialVersionUID = 1L;

  public VaultKeyException(String vaultId) {
    super("the key does not open vault " + vaultId);
  }
}
