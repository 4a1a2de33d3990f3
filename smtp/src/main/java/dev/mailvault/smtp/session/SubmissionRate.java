package dev.mailvault.smtp.session;

import dev.mailvault.core.address.EmailAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Messages each alias submitted in the last hour (ADR 0204): a sliding window of acceptance times,
 * at most {@code perHour} per alias. In memory and per node: a restart or another node starts
 * afresh, which bounds a stolen password's damage without a shared store.
 *
 * <p>Concurrency: every method is synchronized; each is a few map operations.
 */
final class SubmissionRate {

  private static final Duration WINDOW = Duration.ofHours(1);

  private final int perHour;
  private final Clock clock;
  private final Map<String, Deque<Instant>> accepted = new HashMap<>();

  SubmissionRate(int perHour, Clock clock) {
    this.perHour = perHour;
    this.clock = clock;
  }

  /** Whether {@code alias} may submit one more message now. */
  synchronized boolean allows(EmailAddress alias) {
    Deque<Instant> times = recent(alias.canonical());
    return times == null || times.size() < perHour;
  }

  /** One message of {@code alias} was accepted. */
  synchronized void count(EmailAddress alias) {
    recent(alias.canonical());
    accepted.computeIfAbsent(alias.canonical(), k -> new ArrayDeque<>()).addLast(clock.instant());
  }

  /** The alias's times within the window, older ones dropped; null when there are none. */
  private Deque<Instant> recent(String alias) {
    Deque<Instant> times = accepted.get(alias);
    if (times == null) {
      return null;
    }
    Instant since = clock.instant().minus(WINDOW);
    while (!times.isEmpty() && !times.peekFirst().isAfter(since)) {
      times.removeFirst();
    }
    if (times.isEmpty()) {
      accepted.remove(alias);
      return null;
    }
    return times;
  }
}
