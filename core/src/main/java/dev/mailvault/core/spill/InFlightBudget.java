package dev.mailvault.core.spill;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes that every listener of one node may hold for input still arriving: literals, DATA and
 * BDAT bodies, in memory or spilled (ADR 0166). A read that would pass it gets a temporary failure
 * ({@code NO [LIMIT]}, {@code 452 4.3.1}) instead of waiting, so one busy peer cannot make every
 * other client wait. Thread-safe.
 */
public final class InFlightBudget {

  private final long capacity;
  private final AtomicLong used = new AtomicLong();

  public InFlightBudget(long capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("the in-flight budget must be positive");
    }
    this.capacity = capacity;
  }

  /** A budget no input can exhaust: for tests and tools that read one message at a time. */
  public static InFlightBudget unlimited() {
    return new InFlightBudget(Long.MAX_VALUE);
  }

  /** Takes {@code bytes} from the budget, or nothing and returns false when they do not fit. */
  public boolean tryReserve(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("negative reservation");
    }
    long now;
    do {
      now = used.get();
      if (bytes > capacity - now) {
        return false;
      }
    } while (!used.compareAndSet(now, now + bytes));
    return true;
  }

  public void release(long bytes) {
    used.addAndGet(-bytes);
  }

  /** The bytes reserved now. */
  public long inUse() {
    return used.get();
  }

  /** The bytes that could be reserved now. */
  public long available() {
    return capacity - used.get();
  }

  public long capacity() {
    return capacity;
  }
}
