package dev.mailvault.core.net;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The most connections one listener set holds at once, whoever opened them (ADR 0175). Past it a
 * new connection is told so and closed, so that a flood of idle sockets costs file descriptors and
 * not the whole machine. Thread-safe.
 */
public final class ConnectionCeiling {

  private final int limit;
  private final AtomicInteger open = new AtomicInteger();

  public ConnectionCeiling(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("a connection ceiling must be at least 1");
    }
    this.limit = limit;
  }

  /** Takes a slot; false when every slot is taken (nothing is taken then). */
  public boolean tryAcquire() {
    while (true) {
      int now = open.get();
      if (now >= limit) {
        return false;
      }
      if (open.compareAndSet(now, now + 1)) {
        return true;
      }
    }
  }

  /** Gives back a slot taken by {@link #tryAcquire}. */
  public void release() {
    open.decrementAndGet();
  }

  /** Connections holding a slot now. */
  public int open() {
    return open.get();
  }
}
