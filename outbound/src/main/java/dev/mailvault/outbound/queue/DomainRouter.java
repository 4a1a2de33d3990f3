package dev.mailvault.outbound.queue;

import dev.mailvault.core.outbound.WebhookRecipients;
import dev.mailvault.outbound.DeliveryAttempt;
import dev.mailvault.outbound.LocalMailboxes;
import dev.mailvault.outbound.RecipientResult;
import dev.mailvault.outbound.Transmitter;
import java.util.List;

/**
 * Sends each attempt where its domain lives (ADR 0200): a domain this server serves to its local
 * mailboxes, the webhook domain ({@link WebhookRecipients#DOMAIN}, ADR 0240) to the webhook
 * transmitter, never to DNS, and any other domain over the network.
 */
public final class DomainRouter implements Transmitter {

  private final LocalMailboxes mailboxes;
  private final Transmitter local;
  private final Transmitter remote;
  private final Transmitter webhooks;

  /** A router whose webhook attempts all fail for now (a node without webhooks wired). */
  public DomainRouter(LocalMailboxes mailboxes, Transmitter local, Transmitter remote) {
    this(mailboxes, local, remote, UnwiredWebhooks.INSTANCE);
  }

  public DomainRouter(
      LocalMailboxes mailboxes, Transmitter local, Transmitter remote, Transmitter webhooks) {
    this.mailboxes = mailboxes;
    this.local = local;
    this.remote = remote;
    this.webhooks = webhooks;
  }

  /** Whether attempts to {@code domain} stay on this server. */
  public boolean isLocal(String domain) {
    return !WebhookRecipients.isWebhookDomain(domain) && mailboxes.serves(domain);
  }

  @Override
  public List<RecipientResult> transmit(DeliveryAttempt attempt) {
    if (WebhookRecipients.isWebhookDomain(attempt.domain())) {
      return webhooks.transmit(attempt);
    }
    return isLocal(attempt.domain()) ? local.transmit(attempt) : remote.transmit(attempt);
  }
}
