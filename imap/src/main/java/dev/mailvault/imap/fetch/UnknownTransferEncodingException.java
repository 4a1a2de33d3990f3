package dev.mailvault.imap.fetch;

import dev.mailvault.core.error.MailvaultException;

/**
 * BINARY asked for a part whose Content-Transfer-Encoding the server cannot decode; the FETCH
 * handler answers {@code NO [UNKNOWN-CTE]} (RFC 3516 §4.3, {@link
 * dev.mailvault.imap.codec.ResponseCode#UNKNOWN_CTE}).
 */
public final class UnknownTransferEncodingException extends MailvaultException {

  private static final long serialVersionUID = 1L;

  public UnknownTransferEncodingException() {
    // The encoding's name comes from a message: it stays out of the text sent to the client.
    super("Unknown Content-Transfer-Encoding");
  }
}
