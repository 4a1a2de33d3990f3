package dev.mailvault.cluster.remote;

import dev.mailvault.core.error.MailvaultException;

/** A payload that does not decode: truncated, too long, too deep, or an unknown tag. */
public final class WireFormatException extends MailvaultException {

  private static final long serialVersionUID = 1L;

  public WireFormatException(String message) {
    super(message);
  }
}
