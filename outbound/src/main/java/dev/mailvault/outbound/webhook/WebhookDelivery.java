package dev.mailvault.outbound.webhook;

import java.time.Instant;
import java.util.Objects;

/**
 * One attempt to post a message to one webhook target, as the delivery log keeps it: what happened,
 * never what was sent nor where.
 *
 * @param alias the alias the target belongs to
 * @param targetId the target
 * @param queueId the queue item (with {@code targetId}, the post's Idempotency-Key)
 * @param at when the attempt ended
 * @param httpStatus the receiver's HTTP status, 0 when it gave none
 * @param errorKind why there was no answer: {@code timeout}, {@code connect}, {@code tls}, {@code
 *     dns}, {@code io}, {@code unknown-target}, {@code insecure-url}, {@code private-address},
 *     {@code too-large}, {@code interrupted}; empty when the receiver answered
 * @param outcome what the queue does next
 */
public record WebhookDelivery(
    String alias,
    String targetId,
    String queueId,
    Instant at,
    int httpStatus,
    String errorKind,
    Outcome outcome) {

  /** What becomes of the message for this target after the attempt. */
  public enum Outcome {
    /** The receiver answered 2xx: done. */
    DELIVERED,
    /** Tried again later on the queue's back-off (until the queue's give-up time). */
    RETRY,
    /** Never posted again: the sender gets a bounce. */
    FAILED
  }

  public WebhookDelivery {
    Objects.requireNonNull(alias, "alias");
    Objects.requireNonNull(targetId, "targetId");
    Objects.requireNonNull(queueId, "queueId");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(errorKind, "errorKind");
    Objects.requireNonNull(outcome, "outcome");
  }

  @Override
  public String toString() {
    return "WebhookDelivery["
        + queueId
        + " "
        + targetId
        + " "
        + outcome
        + " "
        + (httpStatus == 0 ? errorKind : httpStatus)
        + "]";
  }
}
