package dev.mailvault.core.access;

import dev.mailvault.core.error.MailvaultException;

/** A SEARCH over a bound: more values than one SQL statement may bind, or too much work. */
public final class SearchTooComplexException extends MailvaultException {

  private static final long serialVersionUID = 1L;

  public SearchTooComplexException() {
    super("the search has too many criteria");
  }

  /** {@code reason}: what bound the search passed, never what it looked for. */
  public SearchTooComplexException(String reason) {
    super(reason);
  }
}
