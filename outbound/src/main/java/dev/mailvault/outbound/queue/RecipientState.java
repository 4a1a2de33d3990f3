package dev.mailvault.outbound.queue;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One recipient's progress through the queue, as recorded after each attempt.
 *
 * @param index the recipient's place in the message's recipient list
 * @param progress pending, delivered, or failed for good
 * @param attempts attempts made so far
 * @param nextAttempt when it is tried next (meaningful while pending)
 * @param lastAttempt when it was last tried
 * @param status the last RFC 3463 status code ({@code 4.4.1}); empty before the first attempt
 * @param diagnostic the last reply or reason; empty before the first attempt
 * @param remoteMta the host that gave the last reply, if one did
 * @param delayWarned whether the sender was warned of the delay (RFC 3461 NOTIFY=DELAY, once)
 * @param local whether it was last tried as a local mailbox rather than over the network
 */
public record RecipientState(
    int index,
    Progress progress,
    int attempts,
    Instant nextAttempt,
    Optional<Instant> lastAttempt,
    String status,
    String diagnostic,
    Optional<String> remoteMta,
    boolean delayWarned,
    boolean local) {

  /** Where a recipient stands. */
  public enum Progress {
    PENDING,
    DELIVERED,
    FAILED
  }

  public RecipientState {
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(nextAttempt, "nextAttempt");
    Objects.requireNonNull(lastAttempt, "lastAttempt");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(diagnostic, "diagnostic");
    Objects.requireNonNull(remoteMta, "remoteMta");
  }

  /** A recipient not yet tried, due at {@code due}. */
  static RecipientState fresh(int index, Instant due) {
    return new RecipientState(
        index, Progress.PENDING, 0, due, Optional.empty(), "", "", Optional.empty(), false, false);
  }

  boolean pending() {
    return progress == Progress.PENDING;
  }

  /** This state after one more attempt. */
  RecipientState attempted(
      Progress now,
      Instant at,
      Instant next,
      String status,
      String diagnostic,
      Optional<String> remoteMta,
      boolean local) {
    return new RecipientState(
        index,
        now,
        attempts + 1,
        next,
        Optional.of(at),
        status,
        diagnostic,
        remoteMta,
        delayWarned,
        local);
  }

  RecipientState warned() {
    return new RecipientState(
        index,
        progress,
        attempts,
        nextAttempt,
        lastAttempt,
        status,
        diagnostic,
        remoteMta,
        true,
        local);
  }

  RecipientState dueAt(Instant due) {
    return new RecipientState(
        index,
        progress,
        attempts,
        due,
        lastAttempt,
        status,
        diagnostic,
        remoteMta,
        delayWarned,
        local);
  }
}
