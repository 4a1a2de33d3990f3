package dev.mailvault.directory;

/**
 * The directory cannot be opened: the data directory is unusable, the server key is missing,
 * malformed or wrong, or the file's encryption does not match the configuration.
 */
public final class DirectoryUnavailableException extends DirectoryException {

  private static final long serialVersionUID = 1L;

  public DirectoryUnavailableException(String message) {
    super(message);
  }

  public DirectoryUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
