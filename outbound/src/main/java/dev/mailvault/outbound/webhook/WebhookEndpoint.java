package dev.mailvault.outbound.webhook;

import java.net.URI;
import java.util.Objects;

/**
 * Where one webhook target of an alias posts, and the key it signs with.
 *
 * @param targetId the target's id: the local part of its queue recipient {@code
 *     <targetId>@webhook.mailvault.invalid}
 * @param alias the alias address the target belongs to
 * @param url the receiver's URL ({@code https} only, ADR 0245)
 * @param secret the HMAC-SHA256 key: the bytes of the secret exactly as the user was shown it
 */
public record WebhookEndpoint(String targetId, String alias, URI url, byte[] secret) {

  public WebhookEndpoint {
    Objects.requireNonNull(targetId, "targetId");
    Objects.requireNonNull(alias, "alias");
    Objects.requireNonNull(url, "url");
    secret = secret.clone();
  }

  @Override
  public byte[] secret() {
    return secret.clone();
  }

  @Override
  public String toString() {
    // Neither the URL (it may carry a token) nor the secret, nor the alias (no addresses in logs).
    return "WebhookEndpoint[" + targetId + "]";
  }
}
