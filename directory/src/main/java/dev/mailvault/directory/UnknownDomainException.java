package dev.mailvault.directory;

/** No domain of that name is in the directory. */
public final class UnknownDomainException extends DirectoryException {

  private static final long serialVersionUID = 1L;

  public UnknownDomainException(String message) {
    super(message);
  }
}
