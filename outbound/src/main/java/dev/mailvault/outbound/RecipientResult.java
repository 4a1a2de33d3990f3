package dev.mailvault.outbound;

import java.util.Objects;
import java.util.Optional;

/**
 * How one recipient fared in one attempt (RFC 3464 §2.3: what a DSN reports of it).
 *
 * @param recipient the recipient's address, as in the {@link DeliveryAttempt}
 * @param outcome delivered, try again later, or never
 * @param status the RFC 3463 enhanced status code, e.g. {@code 5.1.1}
 * @param diagnostic the remote reply ({@code smtp; 550 5.1.1 No such user}) or our own reason, for
 *     the DSN's Diagnostic-Code and {@code queue show}
 * @param remoteMta the host that answered, when one did (RFC 3464 Remote-MTA)
 */
public record RecipientResult(
    String recipient,
    Outcome outcome,
    String status,
    String diagnostic,
    Optional<String> remoteMta) {

  /** What becomes of the recipient. */
  public enum Outcome {
    /** Accepted by the next hop (or stored locally): done. */
    DELIVERED,
    /** Not now: retried on the schedule, bounced when the give-up time passes. */
    TEMPORARY,
    /** Never: bounced now. */
    PERMANENT
  }

  public RecipientResult {
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(diagnostic, "diagnostic");
    Objects.requireNonNull(remoteMta, "remoteMta");
  }

  @Override
  public String toString() {
    return "RecipientResult[" + outcome + " " + status + "]";
  }
}
