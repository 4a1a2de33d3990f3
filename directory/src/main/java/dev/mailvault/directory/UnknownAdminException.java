package dev.mailvault.directory;

/** There is no admin of that name. */
public final class UnknownAdminException extends DirectoryException {

  private static final long serialVersionUID = 1L;

  public UnknownAdminException() {
    super("no such admin");
  }
}
