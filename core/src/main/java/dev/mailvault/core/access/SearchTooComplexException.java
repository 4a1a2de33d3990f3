package dev.mailvault.core.access;

import dev.mailvault.core.error.MailvaultException;

/** A SEARCH with more values than one SQL statement may bind. */
public final class SearchTooComplexException extends MailvaultException {

  private static final long serialVersionUID = 1L;

  public SearchTooComplexException() {
    super("the search has too many criteria");
  }
}
