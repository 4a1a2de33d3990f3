package dev.mailvault.directory;

/** An app password or two-factor change the directory refuses; the message names no secret. */
public final class AppPasswordException extends DirectoryException {

  private static final long serialVersionUID = 1L;

  public AppPasswordException(String message) {
    super(message);
  }
}
