package dev.mailvault.outbound.webhook;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Webhook targets a test sets up by hand. */
final class FixedEndpoints implements WebhookEndpoints {

  private final Map<String, WebhookEndpoint> byId = new ConcurrentHashMap<>();

  FixedEndpoints add(WebhookEndpoint endpoint) {
    byId.put(endpoint.targetId(), endpoint);
    return this;
  }

  @Override
  public Optional<WebhookEndpoint> find(String targetId) {
    return Optional.ofNullable(byId.get(targetId));
  }
}
