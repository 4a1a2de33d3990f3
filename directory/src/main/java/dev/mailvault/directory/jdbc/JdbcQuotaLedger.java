package dev.mailvault.directory.jdbc;

import static dev.mailvault.directory.jdbc.Jdbc.update;

import dev.mailvault.core.quota.OverQuotaException;
import dev.mailvault.core.quota.QuotaLedger;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The usage ledger of one alias, keyed by its vault id: a reservation checks and moves the alias's,
 * its domain's and its account's counters in one transaction; a release moves them back. After a
 * password reset the alias has a new vault id, and a ledger for the old one refuses.
 *
 * <p>{@link OverQuotaException#scope()} is {@code alias.bytes}, {@code alias.messages}, {@code
 * domain.bytes}, {@code domain.messages}, {@code account.bytes} or {@code account.messages}.
 */
final class JdbcQuotaLedger implements QuotaLedger {

  private final DirectoryDatabase db;
  private final String vaultId;

  JdbcQuotaLedger(DirectoryDatabase db, String vaultId) {
    this.db = db;
    this.vaultId = vaultId;
  }

  @Override
  public void reserve(long bytes, long messages) throws OverQuotaException {
    checkAmounts(bytes, messages);
    db.write(
        c -> {
          UsageChain chain = SharedQueries.usageChain(c, vaultId);
          if (chain == null) {
            throw new OverQuotaException("alias.bytes", "this mailbox no longer exists");
          }
          chain.checkRoom(bytes, messages);
          // The statements re-check their limits, so they stay right where several writers race
          // (PostgreSQL); under SQLite's single writer they always match the check above.
          reserve(c, DirectorySql.RESERVE_ALIAS, chain.alias(), bytes, messages);
          reserve(c, DirectorySql.RESERVE_DOMAIN, chain.domain(), bytes, messages);
          reserve(c, DirectorySql.RESERVE_ACCOUNT, chain.account(), bytes, messages);
          return null;
        });
  }

  @Override
  public void release(long bytes, long messages) {
    checkAmounts(bytes, messages);
    db.write(
        c -> {
          UsageChain chain = SharedQueries.usageChain(c, vaultId);
          if (chain == null) {
            // The alias is gone, and its usage left the domain and account with it.
            return null;
          }
          SharedQueries.release(c, DirectorySql.RELEASE_ALIAS, chain.alias().id(), bytes, messages);
          SharedQueries.releaseAbove(c, chain, bytes, messages);
          return null;
        });
  }

  private void reserve(Connection c, String sql, UsageChain.Level level, long bytes, long messages)
      throws SQLException, OverQuotaException {
    if (update(c, sql, bytes, messages, level.id(), bytes, messages) == 0) {
      // Another writer got there first: re-read to say which limit it was.
      UsageChain now = SharedQueries.usageChain(c, vaultId);
      if (now != null) {
        now.checkRoom(bytes, messages);
      }
      throw new OverQuotaException(
          level.name() + ".bytes", "over quota: " + level.whose() + " limit would be exceeded");
    }
  }

  private static void checkAmounts(long bytes, long messages) {
    if (bytes < 0 || messages < 0) {
      throw new IllegalArgumentException("quota amounts cannot be negative");
    }
  }

  @Override
  public String toString() {
    return "QuotaLedger[vault " + vaultId + "]";
  }
}
