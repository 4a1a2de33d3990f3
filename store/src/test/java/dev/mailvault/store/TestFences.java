package dev.mailvault.store;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A primary's fences for store tests: a fixed epoch and a lease valid until a tick of its own
 * monotonic ticker, which the test moves (no real time involved).
 */
final class TestFences implements VaultFences {

  final AtomicLong ticks = new AtomicLong();
  volatile long validUntil = Long.MAX_VALUE;
  volatile long epoch;
  volatile boolean owner = true;

  TestFences(long epoch) {
    this.epoch = epoch;
  }

  @Override
  public long openingEpoch(String vaultId) {
    if (!owner) {
      throw new VaultNotOwnedException("this primary does not own the vault now");
    }
    return epoch;
  }

  @Override
  public boolean leaseValid() {
    return ticks.get() < validUntil;
  }
}
