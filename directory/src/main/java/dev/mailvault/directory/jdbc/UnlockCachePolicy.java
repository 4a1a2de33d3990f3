package dev.mailvault.directory.jdbc;

import java.time.Duration;

/**
 * How long and how many unlocked keys the directory keeps in memory for re-logins (ADR 0185).
 *
 * @param idle an entry is destroyed this long after its last use; the server passes {@code
 *     vault.idle-seconds}, the time a vault stays open anyway
 * @param maxEntries past this many, the least recently used entry is destroyed
 */
public record UnlockCachePolicy(Duration idle, int maxEntries) {

  public static final int DEFAULT_MAX_ENTRIES = 10_000;

  /** No cache: every login runs Argon2id. */
  public static final UnlockCachePolicy OFF = new UnlockCachePolicy(Duration.ZERO, 0);

  public UnlockCachePolicy {
    if (idle.isNegative() || maxEntries < 0) {
      throw new IllegalArgumentException("idle and maxEntries must not be negative");
    }
  }

  /** Entries kept {@code idle} after last use, at most {@link #DEFAULT_MAX_ENTRIES}. */
  public static UnlockCachePolicy keepFor(Duration idle) {
    return new UnlockCachePolicy(idle, DEFAULT_MAX_ENTRIES);
  }

  public boolean enabled() {
    return maxEntries > 0 && !idle.isZero();
  }
}
