package dev.mailvault.outbound.queue;

import dev.mailvault.outbound.DeliveryAttempt;
import dev.mailvault.outbound.LocalMailboxes;
import dev.mailvault.outbound.RecipientResult;
import dev.mailvault.outbound.Transmitter;
import java.util.List;

/**
 * Sends each attempt where its domain lives (ADR 0200): a domain this server serves to its local
 * mailboxes, any other over the network.
 */
public final class DomainRouter implements Transmitter {

  private final LocalMailboxes mailboxes;
  private final Transmitter local;
  private final Transmitter remote;

  public DomainRouter(LocalMailboxes mailboxes, Transmitter local, Transmitter remote) {
    this.mailboxes = mailboxes;
    this.local = local;
    this.remote = remote;
  }

  /** Whether attempts to {@code domain} stay on this server. */
  public boolean isLocal(String domain) {
    return mailboxes.serves(domain);
  }

  @Override
  public List<RecipientResult> transmit(DeliveryAttempt attempt) {
    return isLocal(attempt.domain()) ? local.transmit(attempt) : remote.transmit(attempt);
  }
}
