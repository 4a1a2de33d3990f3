package dev.mailvault.core.sieve;

/**
 * A script failed while it ran (RFC 5228 §2.10.6): too many actions, incompatible actions such as
 * {@code reject} with {@code fileinto}, or a pattern built at run time that is invalid. The caller
 * then files the message into INBOX (the implicit keep) and never loses it. The message names the
 * rule that was broken, never message content.
 */
public final class SieveRuntimeException extends Exception {

  private static final long serialVersionUID = 1L;

  public SieveRuntimeException(String reason) {
    super(reason);
  }
}
