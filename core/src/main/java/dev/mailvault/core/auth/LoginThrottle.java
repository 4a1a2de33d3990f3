package dev.mailvault.core.auth;

import dev.mailvault.core.auth.LoginThrottleState.Entry;
import dev.mailvault.core.auth.LoginThrottleState.Kind;
import dev.mailvault.core.net.ClientNetwork;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Slows down and then stops password guessing (DESIGN §7, ADR 0171) for every protocol that takes a
 * password, without letting an attacker lock the owner out:
 *
 * <ul>
 *   <li>failures are counted per (account, client network): a network that fails too often on an
 *       account is blocked for that account only, so the owner elsewhere is not affected;
 *   <li>failures from one network over all accounts are counted too, so spraying one password over
 *       many accounts blocks that network;
 *   <li>a block runs from the failure that started it and is never extended by attempts made while
 *       it lasts: they are not even counted;
 *   <li>when failures pile up on one account from many networks, every network but those the owner
 *       logged in from lately is answered after a growing delay, capped: a slowdown, never a block,
 *       and the right password from a familiar network goes through at once.
 * </ul>
 *
 * <p>A blocked attempt is answered exactly like a wrong password, after the same kind of delay, so
 * a client cannot tell which it met. Counts fade after {@link Policy#window()} without failures.
 * The account is {@link LoginName#canonical}. Thread-safe. The counts live in a {@link
 * LoginThrottleState}: in memory and forgotten at restart by default, or shared by every front-end
 * of a cluster through the directory (ADR 0282).
 */
public final class LoginThrottle {

  /**
   * @param firstDelay the delay after the first failure; each further failure doubles it
   * @param maxDelay the longest delay after a failure
   * @param window how long a failure is remembered
   * @param maxFailuresPerAccountNetwork failures on one account from one network before that pair
   *     is blocked
   * @param maxFailuresPerNetwork failures from one network on any accounts before it is blocked
   * @param block how long a block lasts
   * @param accountSlowdownAfter failures on one account from all networks together before
   *     unfamiliar networks are slowed down
   * @param accountMaxDelay the longest account-wide slowdown
   * @param familiarFor how long a network stays familiar after a successful login from it
   */
  public record Policy(
      Duration firstDelay,
      Duration maxDelay,
      Duration window,
      int maxFailuresPerAccountNetwork,
      int maxFailuresPerNetwork,
      Duration block,
      int accountSlowdownAfter,
      Duration accountMaxDelay,
      Duration familiarFor) {

    public static final Policy DEFAULTS =
        new Policy(
            Duration.ofMillis(500),
            Duration.ofSeconds(8),
            Duration.ofMinutes(15),
            10,
            50,
            Duration.ofMinutes(15),
            20,
            Duration.ofSeconds(5),
            Duration.ofDays(30));
  }

  /** What an attempt meets before its password is checked. */
  public record Admission(boolean blocked, Duration delay) {}

  /** What a block covers. */
  public enum Scope {
    /** One account from one network. */
    ACCOUNT_FROM_NETWORK,
    /** Every account from one network. */
    NETWORK
  }

  /**
   * The answer to a failure.
   *
   * @param delay how long to wait before answering it
   * @param blockStarted the block this failure started, or null
   * @param blockedUntil when that block ends, or null
   */
  public record Failure(Duration delay, Scope blockStarted, Instant blockedUntil) {}

  /** The state's keys for one attempt: the canonical account, the network, and both together. */
  private record Pair(String account, String network, String key) {
    static Pair of(String login, ClientNetwork network) {
      String account = LoginName.canonical(login);
      String net = network.toString();
      return new Pair(account, net, account + "\0" + net);
    }
  }

  private final Policy policy;
  private final Clock clock;
  private final LoginThrottleState state;

  /** A throttle for one process, its counts in memory. */
  public LoginThrottle(Policy policy, Clock clock) {
    this(policy, clock, new InMemoryThrottleState());
  }

  /**
   * A throttle over {@code state}: several throttles over one shared state (ADR 0282) count the
   * same failures, whichever front-end saw them.
   */
  public LoginThrottle(Policy policy, Clock clock, LoginThrottleState state) {
    this.policy = policy;
    this.clock = clock;
    this.state = state;
  }

  /**
   * Whether this attempt may have its password checked, and how long to hold its answer (a blocked
   * attempt is answered as a failure; an unfamiliar network during an account-wide slowdown is
   * answered late whatever the outcome). Counts nothing.
   */
  public Admission admit(String login, ClientNetwork network) {
    Instant now = clock.instant();
    Pair pair = Pair.of(login, network);
    Duration blockedDelay = blockedDelay(pair, now);
    if (blockedDelay != null) {
      return new Admission(true, blockedDelay);
    }
    return new Admission(false, familiar(pair, now) ? Duration.ZERO : slowdown(pair.account, now));
  }

  /**
   * Records a failed password; an attempt made while blocked is not counted (nor is it a block).
   */
  public Failure failed(String login, ClientNetwork network) {
    Instant now = clock.instant();
    state.sweep(now);
    Pair pair = Pair.of(login, network);
    Duration blockedDelay = blockedDelay(pair, now);
    if (blockedDelay != null) {
      return new Failure(blockedDelay, null, null);
    }
    Entry own =
        bump(Kind.ACCOUNT_FROM_NETWORK, pair.key, now, policy.maxFailuresPerAccountNetwork());
    Entry fromNetwork = bump(Kind.NETWORK, pair.network, now, policy.maxFailuresPerNetwork());
    bump(Kind.ACCOUNT, pair.account, now, Integer.MAX_VALUE);
    // The network's count blocks a sprayer but does not lengthen answers: a success from a busy
    // shared network (a campus NAT) must still bring its users' delay back to nothing.
    Duration delay = delayFor(own.failures());
    if (!familiar(pair, now)) {
      delay = max(delay, slowdown(pair.account, now));
    }
    if (blocked(fromNetwork, now) && fromNetwork.failures() == policy.maxFailuresPerNetwork()) {
      return new Failure(delay, Scope.NETWORK, fromNetwork.blockedUntil());
    }
    if (blocked(own, now) && own.failures() == policy.maxFailuresPerAccountNetwork()) {
      return new Failure(delay, Scope.ACCOUNT_FROM_NETWORK, own.blockedUntil());
    }
    return new Failure(delay, null, null);
  }

  /**
   * Forgets this network's failures on this account and makes the network familiar to it. The
   * account's count stays: an attack from elsewhere goes on whatever the owner does.
   */
  public void succeeded(String login, ClientNetwork network) {
    Pair pair = Pair.of(login, network);
    Instant now = clock.instant();
    state.remove(Kind.ACCOUNT_FROM_NETWORK, pair.key);
    state.update(
        Kind.FAMILIAR,
        pair.key,
        old -> new Entry(0, now, null),
        entry -> entry.last().plus(policy.familiarFor()));
  }

  /**
   * Null when neither the pair nor its network is blocked; otherwise the delay of the failure that
   * started the block, so a blocked answer looks like one more wrong password.
   */
  private Duration blockedDelay(Pair pair, Instant now) {
    Entry own = state.get(Kind.ACCOUNT_FROM_NETWORK, pair.key);
    if (blocked(own, now)) {
      return delayFor(own.failures());
    }
    Entry fromNetwork = state.get(Kind.NETWORK, pair.network);
    return blocked(fromNetwork, now) ? policy.maxDelay() : null;
  }

  /** The delay after the {@code n}th failure: firstDelay * 2^(n-1), at most maxDelay. */
  Duration delayFor(int failures) {
    return doubling(failures, policy.maxDelay());
  }

  private Duration doubling(int step, Duration cap) {
    if (step <= 0) {
      return Duration.ZERO;
    }
    int doublings = Math.min(step - 1, 20);
    Duration delay = policy.firstDelay().multipliedBy(1L << doublings);
    return delay.compareTo(cap) > 0 ? cap : delay;
  }

  /** Grows with each failure on the account past the threshold, from all networks together. */
  private Duration slowdown(String account, Instant now) {
    Entry count = state.get(Kind.ACCOUNT, account);
    if (count == null || expired(count, now)) {
      return Duration.ZERO;
    }
    return doubling(count.failures() - policy.accountSlowdownAfter() + 1, policy.accountMaxDelay());
  }

  private boolean familiar(Pair pair, Instant now) {
    Entry last = state.get(Kind.FAMILIAR, pair.key);
    return last != null && now.isBefore(last.last().plus(policy.familiarFor()));
  }

  private Entry bump(Kind kind, String key, Instant now, int threshold) {
    return state.update(
        kind,
        key,
        old -> {
          Entry fresh = old == null || expired(old, now) ? new Entry(0, now, null) : old;
          int failures = fresh.failures() + 1;
          // Only the failure that reaches the threshold starts a block; the count then restarts
          // when the block ends (expired), so a block is never extended.
          Instant blockedUntil =
              fresh.blockedUntil() == null && failures >= threshold
                  ? now.plus(policy.block())
                  : fresh.blockedUntil();
          return new Entry(failures, now, blockedUntil);
        },
        this::expiry);
  }

  /** When an entry counts no more and may be forgotten. */
  private Instant expiry(Entry entry) {
    return entry.blockedUntil() != null ? entry.blockedUntil() : entry.last().plus(policy.window());
  }

  private static boolean blocked(Entry count, Instant now) {
    return count != null && count.blockedUntil() != null && now.isBefore(count.blockedUntil());
  }

  /** A block that has ended, or failures older than the window, count no more. */
  private boolean expired(Entry count, Instant now) {
    if (count.blockedUntil() != null) {
      return !now.isBefore(count.blockedUntil());
    }
    return count.last().plus(policy.window()).isBefore(now);
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
