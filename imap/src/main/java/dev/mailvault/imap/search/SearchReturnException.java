package dev.mailvault.imap.search;

import dev.mailvault.core.error.MailvaultException;

/** A SEARCH RETURN option this server does not know: the command is answered {@code BAD}. */
public final class SearchReturnException extends MailvaultException {

  private static final long serialVersionUID = 1L;

  public SearchReturnException(String option) {
    super("SEARCH RETURN " + option + " is not supported");
  }
}
