package dev.mailvault.core.access;

import dev.mailvault.core.error.MailvaultException;

/** An X-REGEX pattern that {@link SearchPattern} refuses; the message never quotes the pattern. */
public final class SearchPatternException extends MailvaultException {

  private static final long serialVersionUID = 1L;

  public SearchPatternException(String message) {
    super(message);
  }
}
