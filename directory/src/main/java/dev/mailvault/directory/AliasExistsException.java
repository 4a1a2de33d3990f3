package dev.mailvault.directory;

/** An alias of that address (compared case-insensitively) already exists. */
public final class AliasExistsException extends DirectoryException {

  private static final long serialVersionUID = 1L;

  public AliasExistsException(String message) {
    super(message);
  }
}
