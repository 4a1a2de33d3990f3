package dev.mailvault.directory;

/** An admin name that breaks {@link AdminName}'s rules. */
public final class InvalidAdminNameException extends DirectoryException {

  private static final long serialVersionUID = 1L;

  public InvalidAdminNameException() {
    super(
        "an admin name is 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or"
            + " digit");
  }
}
