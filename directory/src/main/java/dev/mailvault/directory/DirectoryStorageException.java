package dev.mailvault.directory;

/**
 * The directory's storage failed in a way no user input explains (I/O error, corrupted file, a
 * bug). Unchecked: callers report it as a server fault with a correlation id and carry on.
 */
public final class DirectoryStorageException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public DirectoryStorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
