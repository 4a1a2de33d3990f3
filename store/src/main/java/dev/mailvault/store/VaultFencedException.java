package dev.mailvault.store;

import dev.mailvault.core.error.MailvaultException;

/**
 * A write was refused at the fence (docs/adr/0281-fencing.md): this primary's lease lapsed, or a
 * newer owner opened the vault at a higher epoch. Nothing of the write was committed. A temporary
 * failure to the client: the front-end re-routes to the vault's owner and the client retries.
 */
public final class VaultFencedException extends MailvaultException {

  private static final long serialVersionUID = 1L;

  public VaultFencedException(String message) {
    super(message);
  }
}
