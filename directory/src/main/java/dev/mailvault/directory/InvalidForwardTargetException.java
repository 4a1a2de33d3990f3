package dev.mailvault.directory;

/** A forward target that is neither an address nor an {@code https://} URL. */
public final class InvalidForwardTargetException extends DirectoryException {

  private static final long serialVersionUID = 1L;

  public InvalidForwardTargetException(String message) {
    super(message);
  }
}
