package dev.mailvault.mailauth.rspamd;

/**
 * rspamd could not be asked, or its answer could not be used: down, slow, a non-2xx status, or a
 * body we cannot parse. The message says which, never what the message or envelope contained, so it
 * may be logged.
 */
public final class RspamdException extends Exception {

  private static final long serialVersionUID = 1L;

  public RspamdException(String message) {
    super(message);
  }

  public RspamdException(String message, Throwable cause) {
    super(message, cause);
  }
}
