package dev.mailvault.store.spool;

import dev.mailvault.core.crypto.SpoolSealer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The KEM encapsulation each alias's items are sealed with, kept for {@link #MAX_AGE_NANOS} at most
 * (ADR 0152): the hybrid KEM costs far more than sealing one 10 KB item, and a burst of mail to one
 * alias needs it only once. An expired one is wiped by {@link #expire}, which the store runs every
 * second, or replaced at the next seal.
 */
final class SpoolEncapsulations implements AutoCloseable {

  /** How long one encapsulation seals: the items of this window share its secret in memory. */
  static final long MAX_AGE_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final Map<String, Held> byVault = new ConcurrentHashMap<>();
  private final long maxAgeNanos;

  SpoolEncapsulations() {
    this(MAX_AGE_NANOS);
  }

  /** With another window than {@link #MAX_AGE_NANOS} (for tests). */
  SpoolEncapsulations(long maxAgeNanos) {
    this.maxAgeNanos = maxAgeNanos;
  }

  /** Seals {@code plaintext} to {@code publicKey}, the key {@code vaultId}'s items go to. */
  byte[] seal(String vaultId, byte[] publicKey, byte[] plaintext, byte[] aad) {
    while (true) {
      Held held = byVault.get(vaultId);
      if (held == null
          || held.expired(System.nanoTime(), maxAgeNanos)
          || !held.sealer.isFor(publicKey)) {
        // The KEM runs outside any lock; should two seals race here, both fresh ones are good.
        Held fresh = new Held(SpoolSealer.encapsulate(publicKey), System.nanoTime());
        Held previous = byVault.put(vaultId, fresh);
        if (previous != null) {
          previous.sealer.close();
        }
        held = fresh;
      }
      try {
        return held.sealer.seal(plaintext, aad);
      } catch (IllegalStateException closedMeanwhile) {
        // Expired or replaced between the lookup and the seal: take the current one.
        byVault.remove(vaultId, held);
      }
    }
  }

  /** Wipes and forgets every encapsulation older than the window. */
  void expire() {
    long now = System.nanoTime();
    byVault.forEach(
        (vaultId, held) -> {
          if (held.expired(now, maxAgeNanos) && byVault.remove(vaultId, held)) {
            held.sealer.close();
          }
        });
  }

  /** Wipes and forgets the encapsulation of {@code vaultId}, if any (its spool is removed). */
  void forget(String vaultId) {
    Held held = byVault.remove(vaultId);
    if (held != null) {
      held.sealer.close();
    }
  }

  @Override
  public void close() {
    byVault.keySet().forEach(this::forget);
  }

  private record Held(SpoolSealer.Encapsulation sealer, long created) {
    boolean expired(long now, long maxAge) {
      return now - created >= maxAge;
    }
  }
}
