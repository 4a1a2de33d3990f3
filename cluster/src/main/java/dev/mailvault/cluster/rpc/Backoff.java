package dev.mailvault.cluster.rpc;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Delays between reconnection attempts: {@link #FIRST} doubling to {@link #MAX}, each drawn at
 * random between half and all of it, so front-ends that lost the same primary do not return in
 * step. Not thread-safe: one per connection, used on its event loop.
 */
final class Backoff {

  static final Duration FIRST = Duration.ofMillis(100);
  static final Duration MAX = Duration.ofSeconds(5);

  private final RandomGenerator random;
  private long ceilingMillis = FIRST.toMillis();

  Backoff(RandomGenerator random) {
    this.random = random;
  }

  /** The delay before the next attempt; each call doubles the next one's ceiling. */
  long nextMillis() {
    long ceiling = ceilingMillis;
    ceilingMillis = Math.min(MAX.toMillis(), ceilingMillis * 2);
    return ceiling / 2 + random.nextLong(ceiling / 2 + 1);
  }

  /** After a connection that worked: the next loss starts from {@link #FIRST} again. */
  void reset() {
    ceilingMillis = FIRST.toMillis();
  }
}
