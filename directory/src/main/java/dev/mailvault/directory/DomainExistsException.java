package dev.mailvault.directory;

/** A domain of that name is already in the directory. */
public final class DomainExistsException extends DirectoryException {

  private static final long serialVersionUID = 1L;

  public DomainExistsException(String message) {
    super(message);
  }
}
