package dev.mailvault.directory;

/**
 * No alias of that address is in the directory (an administrative answer; clients get
 * AuthenticationFailedException).
 */
public final class UnknownAliasException extends DirectoryException {

  private static final long serialVersionUID = 1L;

  public UnknownAliasException(String message) {
    super(message);
  }
}
