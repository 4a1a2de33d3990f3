package dev.mailvault.core.outbound;

import dev.mailvault.core.error.MailvaultException;

/**
 * Where submission hands a message it has accepted for delivery (DESIGN §2, ADR 0200). When {@link
 * #submit} returns, the message is durable in the outbound queue: submission may answer 250, and
 * the message will be delivered or bounced to its sender, never lost.
 */
public interface Outbox {

  /**
   * Queues {@code message} for every one of its recipients, all or none.
   *
   * @return the queue id, for the 250 reply and {@code mailvault queue}
   * @throws MailvaultException when the message could not be made durable (a temporary failure:
   *     submission answers 451 and nothing is queued)
   */
  String submit(OutboundMessage message) throws MailvaultException;

  /**
   * The first half of a two-phase submission (ADR 0240): the message is durable when this returns,
   * but held: not delivered until {@link #commit}, and deleted by {@link #abandon} or, if the
   * process stops first, when the queue is next opened (no 250 was sent for it). The MX holds a
   * forwarded copy while it stores the others, so that all or none of them outlive a failure.
   *
   * <p>An outbox that cannot hold (a test's lambda) refuses, so a store-and-forward through it
   * fails whole, with a temporary error.
   *
   * @return the queue id
   * @throws MailvaultException when the message could not be made durable (nothing is queued)
   */
  default String prepare(OutboundMessage message) throws MailvaultException {
    throw new MailvaultException("this outbox cannot hold a message");
  }

  /**
   * Releases a held message for delivery, durably: once this returns, a restart delivers it.
   *
   * @throws MailvaultException when the release could not be made durable; the message stays held
   *     (the caller abandons it)
   */
  default void commit(String id) throws MailvaultException {
    throw new MailvaultException("this outbox holds no message");
  }

  /** Deletes a held message; an unknown or already committed id is left alone. */
  default void abandon(String id) {}
}
