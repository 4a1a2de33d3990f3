package dev.mailvault.outbound.queue;

import java.time.Duration;
import java.util.Objects;

/**
 * How the queue schedules (ADR 0202, RFC 5321 §4.5.4.1).
 *
 * @param firstRetry the wait after the first failed attempt
 * @param maxRetry the longest wait between attempts; each wait doubles up to it
 * @param giveUp how long after acceptance a recipient still pending fails (a bounce)
 * @param delayWarning how long after acceptance a still pending recipient is reported delayed
 * @param threads delivery attempts at once, all domains together
 * @param perDomain delivery attempts at once to one destination domain
 * @param reportingMta this server's name: the DSNs' Reporting-MTA and From domain
 */
public record QueueSettings(
    Duration firstRetry,
    Duration maxRetry,
    Duration giveUp,
    Duration delayWarning,
    int threads,
    int perDomain,
    String reportingMta) {

  /** Postfix's and RFC 5321 §4.5.4.1's orders of magnitude: minutes, then an hour, 5 days. */
  public static QueueSettings defaults(String reportingMta) {
    return new QueueSettings(
        Duration.ofSeconds(300),
        Duration.ofSeconds(3600),
        Duration.ofHours(120),
        Duration.ofHours(4),
        8,
        2,
        reportingMta);
  }

  public QueueSettings {
    Objects.requireNonNull(reportingMta, "reportingMta");
    if (firstRetry.isNegative()
        || firstRetry.isZero()
        || maxRetry.compareTo(firstRetry) < 0
        || giveUp.isNegative()
        || delayWarning.isNegative()
        || threads < 1
        || perDomain < 1) {
      throw new IllegalArgumentException("queue settings out of range");
    }
  }

  /**
   * The wait after the {@code attempts}-th failed attempt: {@link #firstRetry} doubled for each
   * earlier failure, at most {@link #maxRetry}.
   */
  Duration retryAfter(int attempts) {
    Duration wait = firstRetry;
    for (int i = 1; i < attempts && wait.compareTo(maxRetry) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxRetry) > 0 ? maxRetry : wait;
  }
}
