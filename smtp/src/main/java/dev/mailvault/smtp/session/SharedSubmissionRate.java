package dev.mailvault.smtp.session;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.auth.LoginThrottleState;
import dev.mailvault.core.auth.LoginThrottleState.Entry;
import dev.mailvault.core.auth.LoginThrottleState.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The hourly count kept where every front-end of a cluster sees it (ADR 0282): one counter per
 * alias and clock hour in the shared state, and the sliding hour estimated from this hour's count
 * and the previous hour's, weighted by how much of it still lies within the last 60 minutes. That
 * is exact when messages are spread evenly and never lets through more than the limit in a clock
 * hour. Two reads at MAIL, one atomic update per accepted message.
 */
final class SharedSubmissionRate implements HourlyRate {

  private static final Duration HOUR = Duration.ofHours(1);

  private final LoginThrottleState state;
  private final int perHour;
  private final Clock clock;

  SharedSubmissionRate(LoginThrottleState state, int perHour, Clock clock) {
    this.state = state;
    this.perHour = perHour;
    this.clock = clock;
  }

  @Override
  public boolean allows(EmailAddress alias) {
    Instant now = clock.instant();
    long hour = hourOf(now);
    int current = count(alias, hour);
    if (current >= perHour) {
      return false;
    }
    double elapsed = (now.getEpochSecond() % HOUR.toSeconds()) / (double) HOUR.toSeconds();
    double estimate = count(alias, hour - 1) * (1 - elapsed) + current;
    return estimate < perHour;
  }

  @Override
  public void count(EmailAddress alias) {
    Instant now = clock.instant();
    long hour = hourOf(now);
    Instant hourStart = Instant.ofEpochSecond(hour * HOUR.toSeconds());
    state.update(
        Kind.SUBMISSIONS,
        key(alias, hour),
        old -> new Entry(old == null ? 1 : old.failures() + 1, now, null),
        // Read for the next hour's estimate, then forgotten.
        entry -> hourStart.plus(HOUR.multipliedBy(2)));
  }

  private int count(EmailAddress alias, long hour) {
    Entry entry = state.get(Kind.SUBMISSIONS, key(alias, hour));
    return entry == null ? 0 : entry.failures();
  }

  private static long hourOf(Instant instant) {
    return Math.floorDiv(instant.getEpochSecond(), HOUR.toSeconds());
  }

  private static String key(EmailAddress alias, long hour) {
    return alias.canonical() + "\0" + hour;
  }
}
