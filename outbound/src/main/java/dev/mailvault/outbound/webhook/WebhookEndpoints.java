package dev.mailvault.outbound.webhook;

import java.util.Optional;

/** The webhook targets this server knows; the server implements it on the directory. */
public interface WebhookEndpoints {

  /**
   * The target with this id, or empty when it no longer exists (removed while a message waited: its
   * recipient then fails for good). Called on the queue's delivery threads.
   */
  Optional<WebhookEndpoint> find(String targetId);
}
