package dev.mailvault.core.quota;

import dev.mailvault.core.error.MailvaultException;

/** A write would exceed a storage or message-count limit; nothing was written. */
public final class OverQuotaException extends MailvaultException {

  private static final long serialVersionUID = 1L;

  /** Which limit was hit: "alias", "domain" or "account", and whether bytes or messages. */
  private final String scope;

  public OverQuotaException(String scope, String message) {
    super(message);
    this.scope = scope;
  }

  public String scope() {
    return scope;
  }
}
