package dev.mailvault.directory;

/**
 * No storage primary holds a live lease, so a vault cannot be placed: a temporary failure, to be
 * answered as one (the next call may find a primary that joined meanwhile).
 */
public final class NoLivePrimaryException extends DirectoryException {

  private static final long serialVersionUID = 1L;

  public NoLivePrimaryException(String message) {
    super(message);
  }
}
