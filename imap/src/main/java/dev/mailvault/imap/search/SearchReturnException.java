package dev.mailvault.imap.search;

import dev.mailvault.core.error.MailvaultException;

/**
 * A SEARCH RETURN option this server does not offer: {@code SAVE} belongs to SEARCHRES (RFC 5182),
 * which is not advertised, so the command is answered {@code BAD}.
 */
public final class SearchReturnException extends MailvaultException {

  private static final long serialVersionUID = 1L;

  public SearchReturnException(String option) {
    super("SEARCH RETURN " + option + " is not supported");
  }
}
