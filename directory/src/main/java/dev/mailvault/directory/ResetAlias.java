package dev.mailvault.directory;

/**
 * The result of a password reset: the alias now has a new vault id, data key and spool key pair
 * ({@link #alias()}, which the caller creates), and the old vault and spool, which nothing can open
 * any more, are to be deleted ({@link #discardedVaultId()}).
 */
public record ResetAlias(NewAlias alias, String discardedVaultId) implements AutoCloseable {

  @Override
  public void close() {
    alias.close();
  }
}
