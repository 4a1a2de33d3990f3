package dev.mailvault.outbound.webhook;

/**
 * The per-alias delivery log of webhooks (issue 15): one entry per attempt per target, without
 * message content or URL. The server implements it on the directory. Called on the queue's delivery
 * threads; an implementation must not throw for a storage problem it can log itself.
 */
public interface WebhookLog {

  void record(WebhookDelivery entry);
}
