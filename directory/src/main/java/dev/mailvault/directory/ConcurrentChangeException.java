package dev.mailvault.directory;

/**
 * The alias changed between reading and writing it (another password change or reset); nothing was
 * written.
 */
public final class ConcurrentChangeException extends DirectoryException {

  private static final long serialVersionUID = 1L;

  public ConcurrentChangeException(String message) {
    super(message);
  }
}
