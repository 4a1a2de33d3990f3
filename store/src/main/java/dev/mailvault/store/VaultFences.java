package dev.mailvault.store;

/**
 * What a cluster primary tells its store about its right to write (docs/adr/0281-fencing.md). The
 * store knows no directory: the server's lease keeper implements this. A store without fences (the
 * single process) checks nothing and pays nothing.
 */
public interface VaultFences {

  /**
   * The epoch this process holds {@code vaultId} at, asked when the vault opens; written into the
   * vault's {@code fence} row if higher than the one stored.
   *
   * @throws VaultNotOwnedException when this process may not open the vault now
   */
  long openingEpoch(String vaultId);

  /**
   * Whether this process's lease is still valid by a monotonic clock. Asked right before every
   * commit and spool append, so it must answer at once (no I/O).
   */
  boolean leaseValid();
}
