package dev.mailvault.directory;

/** A password given by the user is too short (or too long) to be accepted. */
public final class WeakPasswordException extends DirectoryException {

  private static final long serialVersionUID = 1L;

  public WeakPasswordException(String message) {
    super(message);
  }
}
