package dev.mailvault.directory;

/** A domain still has aliases and the removal was not forced. */
public final class DomainNotEmptyException extends DirectoryException {

  private static final long serialVersionUID = 1L;

  private final int aliasCount;

  public DomainNotEmptyException(int aliasCount) {
    super(
        "the domain still has "
            + aliasCount
            + (aliasCount == 1 ? " alias" : " aliases")
            + "; remove them first, or force the removal to delete them and their mailboxes");
    this.aliasCount = aliasCount;
  }

  public int aliasCount() {
    return aliasCount;
  }
}
