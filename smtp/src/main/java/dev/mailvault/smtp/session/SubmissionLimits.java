package dev.mailvault.smtp.session;

/**
 * What submission adds to the limits it shares with the MX ({@link SmtpLimits}: size, recipients,
 * timeouts), ADR 0203 and 0204.
 *
 * @param messagesPerHour messages one alias may submit in any hour; more get 450 4.7.1. Counted in
 *     memory by each node (ADR 0204), or in the directory when {@code sharedCount}
 * @param receivedHeader whether an accepted message gets a {@code Received} field naming the
 *     client's address (ADR 0203: off by default, for the sender's privacy)
 * @param sharedCount whether the hourly count is kept in the directory, shared by every front-end
 *     of a cluster (ADR 0282), rather than in memory
 */
public record SubmissionLimits(int messagesPerHour, boolean receivedHeader, boolean sharedCount) {

  public static final SubmissionLimits DEFAULTS = new SubmissionLimits(500, false);

  /** Counted in memory by this node. */
  public SubmissionLimits(int messagesPerHour, boolean receivedHeader) {
    this(messagesPerHour, receivedHeader, false);
  }

  public SubmissionLimits {
    if (messagesPerHour < 1) {
      throw new IllegalArgumentException("at least one message per hour");
    }
  }
}
