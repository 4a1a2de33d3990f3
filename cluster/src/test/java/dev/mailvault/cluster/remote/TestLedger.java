package dev.mailvault.cluster.remote;

import dev.mailvault.core.quota.OverQuotaException;
import dev.mailvault.core.quota.QuotaLedger;

/** A real in-memory quota ledger with a byte limit, as the directory keeps one per alias. */
final class TestLedger implements QuotaLedger {

  private final long maxBytes;
  private long bytes;

  TestLedger(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public synchronized void reserve(long bytes, long messages) throws OverQuotaException {
    if (this.bytes + bytes > maxBytes) {
      throw new OverQuotaException("alias.bytes", "mailbox is over its storage quota");
    }
    this.bytes += bytes;
  }

  @Override
  public synchronized void release(long bytes, long messages) {
    this.bytes = Math.max(0, this.bytes - bytes);
  }
}
