package dev.mailvault.directory;

/**
 * Unlocking failed. Unknown alias, wrong password and disabled alias all give this one exception
 * with this one message, after the same work (one Argon2id derivation), so a client learns nothing
 * about which it was.
 */
public final class AuthenticationFailedException extends DirectoryException {

  private static final long serialVersionUID = 1L;

  public static final String MESSAGE = "authentication failed";

  public AuthenticationFailedException() {
    super(MESSAGE);
  }
}
