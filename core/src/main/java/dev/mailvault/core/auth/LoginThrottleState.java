package dev.mailvault.core.auth;

import java.time.Instant;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Where a {@link LoginThrottle} keeps its counts (ADR 0282): in memory for a single process ({@link
 * InMemoryThrottleState}, the default), or in the directory so that every front-end of a cluster
 * sees the failures made on the others. The throttle decides; the state only stores entries under
 * opaque keys and forgets them once they expire. Submission's hourly count per alias uses the same
 * state ({@link Kind#SUBMISSIONS}).
 *
 * <p>Implementations are thread-safe, and {@link #update} is atomic per key even across processes.
 * A call may block on I/O: callers run on a worker, never on an event loop.
 */
public interface LoginThrottleState {

  /** The kinds of entry; a key is unique within its kind. */
  enum Kind {
    /** Failures on one account from one network. */
    ACCOUNT_FROM_NETWORK,
    /** Failures from one network on any account. */
    NETWORK,
    /** Failures on one account from any network. */
    ACCOUNT,
    /** The last successful login on one account from one network ({@code last} only). */
    FAMILIAR,
    /**
     * Messages one alias submitted in one clock hour ({@code failures} is the count), for the
     * cluster-wide hourly limit of submission (ADR 0282).
     */
    SUBMISSIONS
  }

  /**
   * One count.
   *
   * @param failures failures counted
   * @param last the last failure (or, for {@link Kind#FAMILIAR}, the last success)
   * @param blockedUntil when the block the count started ends, or null
   */
  record Entry(int failures, Instant last, Instant blockedUntil) {}

  /** The entry, or null; an entry past its expiry may still be returned until it is swept. */
  Entry get(Kind kind, String key);

  /**
   * Replaces the entry with {@code change} applied to it (null when there is none), atomically.
   *
   * @param expiry when the new entry may be forgotten
   * @return the new entry
   */
  Entry update(Kind kind, String key, UnaryOperator<Entry> change, Function<Entry, Instant> expiry);

  /** Forgets the entry. */
  void remove(Kind kind, String key);

  /** Forgets entries whose expiry has passed, when it is time to (each state keeps its bounds). */
  void sweep(Instant now);
}
