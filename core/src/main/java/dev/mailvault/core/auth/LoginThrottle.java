package dev.mailvault.core.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down and then stops password guessing (DESIGN §7), for every protocol that takes a
 * password. Each failure adds to a count per client address and per login name; the answer to a
 * failure is delayed more with each one, and past a threshold the address or the login is blocked
 * for a while. A blocked attempt is answered exactly like a wrong password, after the same delay,
 * so a client cannot tell which it met. Counts fade after {@link Policy#window()} without failures.
 */
public final class LoginThrottle {

  /**
   * @param firstDelay the delay after the first failure; each further failure doubles it
   * @param maxDelay the longest delay
   * @param window how long a failure is remembered
   * @param maxFailuresPerAddress failures from one address before it is blocked
   * @param maxFailuresPerLogin failures on one login before it is blocked
   * @param block how long a block lasts
   */
  public record Policy(
      Duration firstDelay,
      Duration maxDelay,
      Duration window,
      int maxFailuresPerAddress,
      int maxFailuresPerLogin,
      Duration block) {

    public static final Policy DEFAULTS =
        new Policy(
            Duration.ofMillis(500),
            Duration.ofSeconds(8),
            Duration.ofMinutes(15),
            10,
            20,
            Duration.ofMinutes(15));
  }

  /** Entries kept before old ones are swept, so a scan of many addresses cannot grow memory. */
  private static final int SWEEP_ABOVE = 50_000;

  private final Policy policy;
  private final Clock clock;
  private final Map<String, Record> byAddress = new ConcurrentHashMap<>();
  private final Map<String, Record> byLogin = new ConcurrentHashMap<>();

  public LoginThrottle(Policy policy, Clock clock) {
    this.policy = policy;
    this.clock = clock;
  }

  public LoginThrottle(Policy policy) {
    this(policy, Clock.systemUTC());
  }

  /** Whether the address or the login is blocked now: do not even check the password. */
  public boolean isBlocked(String address, String login) {
    Instant now = clock.instant();
    return blocked(byAddress.get(address), now) || blocked(byLogin.get(key(login)), now);
  }

  /** Records a failure and returns how long to wait before answering it. */
  public Duration failed(String address, String login) {
    Instant now = clock.instant();
    sweep(now);
    int fromAddress = bump(byAddress, address, now, policy.maxFailuresPerAddress());
    int onLogin = bump(byLogin, key(login), now, policy.maxFailuresPerLogin());
    return delayFor(Math.max(fromAddress, onLogin));
  }

  /** Forgets the failures of this address on this login after a success. */
  public void succeeded(String address, String login) {
    byLogin.remove(key(login));
    byAddress.remove(address);
  }

  /** The delay after the {@code n}th failure: firstDelay * 2^(n-1), at most maxDelay. */
  Duration delayFor(int failures) {
    int doublings = Math.min(Math.max(failures - 1, 0), 20);
    Duration delay = policy.firstDelay().multipliedBy(1L << doublings);
    return delay.compareTo(policy.maxDelay()) > 0 ? policy.maxDelay() : delay;
  }

  private int bump(Map<String, Record> records, String key, Instant now, int threshold) {
    Record record =
        records.compute(
            key,
            (k, old) -> {
              Record fresh = old == null || expired(old, now) ? new Record(0, now, null) : old;
              int failures = fresh.failures() + 1;
              Instant blockedUntil =
                  failures >= threshold ? now.plus(policy.block()) : fresh.blockedUntil();
              return new Record(failures, now, blockedUntil);
            });
    return record.failures();
  }

  private boolean blocked(Record record, Instant now) {
    return record != null && record.blockedUntil() != null && now.isBefore(record.blockedUntil());
  }

  private boolean expired(Record record, Instant now) {
    boolean quiet = record.lastFailure().plus(policy.window()).isBefore(now);
    return quiet && !blocked(record, now);
  }

  private void sweep(Instant now) {
    if (byAddress.size() + byLogin.size() > SWEEP_ABOVE) {
      byAddress.values().removeIf(record -> expired(record, now));
      byLogin.values().removeIf(record -> expired(record, now));
    }
  }

  /** Logins match case-insensitively, as addresses do, so case games do not reset the count. */
  private static String key(String login) {
    return login == null ? "" : login.toLowerCase(Locale.ROOT);
  }

  private record Record(int failures, Instant lastFailure, Instant blockedUntil) {}
}
