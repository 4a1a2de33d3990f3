package dev.mailvault.directory;

import dev.mailvault.core.address.EmailAddress;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One attempt to post a message to a webhook, as its delivery log keeps it: never a byte of the
 * message (issue 15).
 *
 * @param alias the alias whose target it was
 * @param queueId the outbound queue's id of the message
 * @param targetId the {@link ForwardTarget#id()}
 * @param at when the attempt ended
 * @param httpStatus the receiver's status, when it answered
 * @param errorKind why there was no status ({@code timeout}, {@code refused}, {@code tls}, ...)
 * @param outcome what the queue made of it
 */
public record WebhookDelivery(
    EmailAddress alias,
    String queueId,
    String targetId,
    Instant at,
    OptionalInt httpStatus,
    Optional<String> errorKind,
    Outcome outcome) {

  /** The queue's verdict on one attempt. */
  public enum Outcome {
    DELIVERED,
    RETRY,
    FAILED
  }

  public WebhookDelivery {
    Objects.requireNonNull(alias, "alias");
    Objects.requireNonNull(queueId, "queueId");
    Objects.requireNonNull(targetId, "targetId");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(httpStatus, "httpStatus");
    Objects.requireNonNull(errorKind, "errorKind");
    Objects.requireNonNull(outcome, "outcome");
  }
}
