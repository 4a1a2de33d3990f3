package dev.mailvault.directory;

/** An admin of that name already exists. */
public final class AdminExistsException extends DirectoryException {

  private static final long serialVersionUID = 1L;

  public AdminExistsException() {
    super("an admin of that name already exists");
  }
}
