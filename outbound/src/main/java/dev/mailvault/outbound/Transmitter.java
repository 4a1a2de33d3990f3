package dev.mailvault.outbound;

import java.util.List;

/**
 * One delivery attempt of a queued message to the recipients it still has at one destination
 * domain: over the network to the domain's MX ({@code outbound.delivery}), or into a local alias's
 * mailbox when this server serves the domain. Blocking: the queue calls it on its delivery threads.
 */
public interface Transmitter {

  /**
   * Tries once. Never throws for a delivery problem: every recipient of {@code attempt} gets a
   * result, temporary when the problem was not the recipient's (a connection refused, a timeout).
   */
  List<RecipientResult> transmit(DeliveryAttempt attempt);
}
