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
 * at most {@code perHour} per alias. In memory and per node, for the single process: a restart
 * starts afresh. A cluster's front-ends share theirs ({@link SharedSubmissionRate}, ADR 0282).
 *
 * <p>Concurrency: every method is synchronized; each is a few map operations.
 */
final class SubmissionRate implements HourlyRate {

  private static final Duration WINDOW = Duration.ofHours(1);

  private final int perHour;
  private final Clock clock;
  private final Map<String, Deque<Instant>> accepted = new HashMap<>();

  SubmissionRate(int perHour, Clock clock) {
    this.perHour = perHour;
    this.clock = clock;
  }

  @Override
  public synchronized boolean allows(EmailAddress alias) {
    Deque<Instant> times = recent(alias.canonical());
    return times == null || times.size() < perHour;
  }

  @Override
  public synchronized void count(EmailAddress alias) {
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
