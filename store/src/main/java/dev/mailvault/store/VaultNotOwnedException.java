package dev.mailvault.store;

/**
 * A vault cannot be opened here because this primary does not own it now (its lease lapsed, or the
 * directory names another owner). Unchecked, as opening declares no cluster failures; a temporary
 * failure to the client all the same: the front-end re-routes (docs/adr/0281-fencing.md).
 */
public final class VaultNotOwnedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public VaultNotOwnedException(String message) {
    super(message);
  }
}
