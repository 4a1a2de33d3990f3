package dev.mailvault.store;

import dev.mailvault.core.quota.OverQuotaException;
import dev.mailvault.core.quota.QuotaLedger;

/** A real in-memory quota ledger with byte and message limits. */
final class LimitLedger implements QuotaLedger {

  private final long maxBytes;
  private final long maxMessages;
  private long bytes;
  private long messages;

  LimitLedger(long maxBytes, long maxMessages) {
    this.maxBytes = maxBytes;
    this.maxMessages = maxMessages;
  }

  @Override
  public synchronized void reserve(long bytes, long messages) throws OverQuotaException {
    if (this.bytes + bytes > maxBytes) {
      throw new OverQuotaException("alias bytes", "mailbox is over its storage quota");
    }
    if (this.messages + messages > maxMessages) {
      throw new OverQuotaException("alias messages", "mailbox is over its message quota");
    }
    this.bytes += bytes;
    this.messages += messages;
  }

  @Override
  public synchronized void release(long bytes, long messages) {
    this.bytes = Math.max(0, this.bytes - bytes);
    this.messages = Math.max(0, this.messages - messages);
  }

  synchronized long bytes() {
    return bytes;
  }

  synchronized long messages() {
    return messages;
  }
}
