package dev.mailvault.store;

import dev.mailvault.store.sqlite.VaultConnection;
import java.sql.SQLException;

/**
 * One open vault's fence (docs/adr/0281-fencing.md): the epoch it was opened at and the process's
 * lease. Checked inside the write transaction, right before COMMIT, while SQLite's write lock is
 * held: no other writer can raise the stored epoch between the check and the commit.
 */
final class VaultFence {

  private final VaultFences fences;
  private final long epoch;

  VaultFence(VaultFences fences, long epoch) {
    this.fences = fences;
    this.epoch = epoch;
  }

  /** Raises the stored epoch to ours; refuses if a newer owner's is stored already. */
  void claim(VaultConnection c) throws SQLException, VaultFencedException {
    check(c);
    c.execute("UPDATE fence SET epoch = " + epoch + " WHERE id = 1 AND epoch < " + epoch);
  }

  /** Refuses the transaction unless the lease is valid and no newer epoch is stored. */
  void check(VaultConnection c) throws SQLException, VaultFencedException {
    if (!fences.leaseValid()) {
      throw new VaultFencedException("this primary's lease has lapsed; try again shortly");
    }
    long stored = c.queryLong("SELECT epoch FROM fence WHERE id = 1").orElse(0);
    if (stored > epoch) {
      throw new VaultFencedException("the vault has moved to another primary; try again shortly");
    }
  }
}
