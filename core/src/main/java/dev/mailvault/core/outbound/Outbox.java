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
}
