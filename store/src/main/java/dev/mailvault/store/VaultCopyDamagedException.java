package dev.mailvault.store;

import dev.mailvault.core.error.MailvaultException;

/** A copy of a vault (a backup) is not encrypted, cannot be read or fails its integrity check. */
public final class VaultCopyDamagedException extends MailvaultException {

  private static final long serialVersionUID = 1L;

  public VaultCopyDamagedException(String message) {
    super(message);
  }
}
