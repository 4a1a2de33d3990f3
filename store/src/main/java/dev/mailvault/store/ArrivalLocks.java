package dev.mailvault.store;

import java.util.Collection;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serializes, per vault id, the two moments where mail arrives into a vault (ADR 0110): a login
 * opening the vault and draining its spool, and a delivery choosing between the live vault and the
 * spool and writing its copy. Without it a delivery could see no live session, a login open the
 * vault and drain, and the delivery then spool an item nobody drains until the next login.
 *
 * <p>Striped: a fixed set of locks indexed by the id's hash, so memory does not grow with the
 * number of vaults. A delivery takes the stripes of all its recipients in ascending order and a
 * login takes one stripe, so no two holders can wait on each other in a cycle.
 */
final class ArrivalLocks {

  private static final int STRIPES = 64;

  private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

  ArrivalLocks() {
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new ReentrantLock();
    }
  }

  /** Locks every stripe that one of {@code vaultIds} falls in, in ascending order. */
  Held lock(Collection<String> vaultIds) {
    TreeSet<Integer> indexes = new TreeSet<>();
    for (String id : vaultIds) {
      indexes.add(Math.floorMod(id.hashCode(), STRIPES));
    }
    int[] held = new int[indexes.size()];
    int n = 0;
    try {
      for (int index : indexes) {
        stripes[index].lock();
        held[n++] = index;
      }
    } catch (RuntimeException | Error e) {
      unlock(held, n);
      throw e;
    }
    int count = n;
    return () -> unlock(held, count);
  }

  /** Whether a thread waits for {@code vaultId}'s stripe: for tests that need a login blocked. */
  boolean hasWaiters(String vaultId) {
    return stripes[Math.floorMod(vaultId.hashCode(), STRIPES)].hasQueuedThreads();
  }

  private void unlock(int[] held, int count) {
    for (int i = count - 1; i >= 0; i--) {
      stripes[held[i]].unlock();
    }
  }

  /** The stripes one call to {@link #lock} holds; closing releases them. */
  interface Held extends AutoCloseable {
    @Override
    void close();
  }
}
