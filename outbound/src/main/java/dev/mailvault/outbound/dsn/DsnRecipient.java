package dev.mailvault.outbound.dsn;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One recipient's fields in a delivery status notification (RFC 3464 §2.3).
 *
 * @param finalRecipient the address the queue tried (§2.3.2 Final-Recipient)
 * @param originalRecipient the ORCPT given at submission, {@code type;address} (§2.3.1)
 * @param action what became of it (§2.3.3)
 * @param status the RFC 3463 code (§2.3.4)
 * @param diagnostic the reply or reason, {@code type; text} (§2.3.6 Diagnostic-Code)
 * @param remoteMta the host that answered, if any (§2.3.5)
 * @param lastAttempt when it was last tried (§2.3.7)
 * @param willRetryUntil for a delay, when the queue gives up (§2.3.8)
 */
public record DsnRecipient(
    String finalRecipient,
    Optional<String> originalRecipient,
    Action action,
    String status,
    String diagnostic,
    Optional<String> remoteMta,
    Instant lastAttempt,
    Optional<Instant> willRetryUntil) {

  /** RFC 3464 §2.3.3 action-value. */
  public enum Action {
    FAILED("failed"),
    DELAYED("delayed"),
    DELIVERED("delivered"),
    RELAYED("relayed");

    private final String field;

    Action(String field) {
      this.field = field;
    }

    /** The value as written in the Action field. */
    public String field() {
      return field;
    }
  }

  public DsnRecipient {
    Objects.requireNonNull(finalRecipient, "finalRecipient");
    Objects.requireNonNull(originalRecipient, "originalRecipient");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(diagnostic, "diagnostic");
    Objects.requireNonNull(remoteMta, "remoteMta");
    Objects.requireNonNull(lastAttempt, "lastAttempt");
    Objects.requireNonNull(willRetryUntil, "willRetryUntil");
  }

  @Override
  public String toString() {
    return "DsnRecipient[" + action + " " + status + "]";
  }
}
