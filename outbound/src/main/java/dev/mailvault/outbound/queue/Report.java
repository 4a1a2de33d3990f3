package dev.mailvault.outbound.queue;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A delivery status notification the queue owes the sender (RFC 3464), kept in the item's state
 * until it is delivered, so that it is sent once and survives a crash like the recipients do. The
 * recipients' outcomes are copied in when it is made, so the report says what was true then even if
 * it is built again after a restart.
 *
 * @param number its number within the item (stable: the DSN's Message-ID derives from it)
 * @param kind failure, delay or success
 * @param created when it was made: its Date, and its own retries count from here
 * @param recipients what it reports of each recipient
 * @param progress pending, delivered, or given up
 * @param attempts its own delivery attempts
 * @param nextAttempt when it is tried next
 * @param diagnostic its own last delivery error; empty before one
 */
public record Report(
    int number,
    Kind kind,
    Instant created,
    List<Reported> recipients,
    RecipientState.Progress progress,
    int attempts,
    Instant nextAttempt,
    String diagnostic) {

  /** What the report says (RFC 3464 §2.3.3 Action). */
  public enum Kind {
    FAILED,
    DELAYED,
    DELIVERED
  }

  /**
   * One recipient as reported.
   *
   * @param index the recipient's place in the message's recipient list
   * @param status RFC 3463 status code
   * @param diagnostic the reply or reason
   * @param remoteMta who answered, if a remote host did
   * @param lastAttempt when it was last tried
   * @param local whether it was a local mailbox (success is "delivered" then, else "relayed")
   */
  public record Reported(
      int index,
      String status,
      String diagnostic,
      Optional<String> remoteMta,
      Instant lastAttempt,
      boolean local) {

    static Reported of(RecipientState state) {
      return new Reported(
          state.index(),
          state.status(),
          state.diagnostic(),
          state.remoteMta(),
          state.lastAttempt().orElse(Instant.EPOCH),
          state.local());
    }
  }

  public Report {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(created, "created");
    recipients = List.copyOf(recipients);
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(nextAttempt, "nextAttempt");
    Objects.requireNonNull(diagnostic, "diagnostic");
  }

  boolean pending() {
    return progress == RecipientState.Progress.PENDING;
  }

  Report attempted(RecipientState.Progress now, Instant next, String diagnostic) {
    return new Report(number, kind, created, recipients, now, attempts + 1, next, diagnostic);
  }

  Report dueAt(Instant due) {
    return new Report(number, kind, created, recipients, progress, attempts, due, diagnostic);
  }
}
