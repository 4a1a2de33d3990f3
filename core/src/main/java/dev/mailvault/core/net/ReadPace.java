package dev.mailvault.core.net;

import java.time.Duration;

/**
 * The pace of one unit of client input (an IMAP command with its literals, an SMTP message): from
 * its first octet to its end it must average at least a minimum rate once a grace period has passed
 * (ADR 0176). A client that sends one octet a second then loses the connection instead of holding
 * it, and the memory of its half-read command, for ever.
 *
 * <p>Not thread-safe: one connection's event loop feeds and judges it. Times are {@link
 * System#nanoTime()} values passed in, so the rule is testable without a clock.
 */
public final class ReadPace {

  /**
   * @param bytesPerSecond the least average rate; 0 turns the rule off
   * @param grace how long a unit may last before its rate is judged
   */
  public record Policy(long bytesPerSecond, Duration grace) {

    public static final Policy OFF = new Policy(0, Duration.ZERO);

    public Policy {
      if (bytesPerSecond < 0 || grace.isNegative()) {
        throw new IllegalArgumentException("a rate and a grace period cannot be negative");
      }
    }

    public boolean enabled() {
      return bytesPerSecond > 0;
    }
  }

  private final Policy policy;
  private long start;
  private long bytes;
  private boolean inProgress;

  public ReadPace(Policy policy) {
    this.policy = policy;
  }

  /** Octets of the current unit arrived; the first ones start it. */
  public void received(long count, long now) {
    if (!inProgress) {
      inProgress = true;
      start = now;
      bytes = 0;
    }
    bytes += count;
  }

  /** The current unit ended; the next octet starts another. */
  public void finished() {
    inProgress = false;
  }

  /** Starts the current unit's clock again: time the server made the client wait is not its own. */
  public void restart(long now) {
    start = now;
    bytes = 0;
  }

  public Policy policy() {
    return policy;
  }

  public boolean inProgress() {
    return inProgress;
  }

  /** Whether the unit in progress has outlived its grace period below the minimum rate. */
  public boolean tooSlow(long now) {
    if (!inProgress || !policy.enabled()) {
      return false;
    }
    long elapsed = now - start;
    if (elapsed < policy.grace().toNanos()) {
      return false;
    }
    // bytes / seconds < rate, in doubles: the products can pass Long.MAX_VALUE.
    return bytes * 1e9 < (double) policy.bytesPerSecond() * elapsed;
  }
}
