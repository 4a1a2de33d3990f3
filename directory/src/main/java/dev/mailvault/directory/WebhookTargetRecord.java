package dev.mailvault.directory;

import dev.mailvault.core.address.EmailAddress;
import java.util.Objects;

/**
 * A webhook target as its transmitter needs it (issue 15): the alias it belongs to, the URL, and
 * the alias's HMAC-SHA256 secret.
 */
public record WebhookTargetRecord(String targetId, EmailAddress alias, String url, byte[] secret) {

  public WebhookTargetRecord {
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
  public boolean equals(Object o) {
    return o instanceof WebhookTargetRecord other && targetId.equals(other.targetId);
  }

  @Override
  public int hashCode() {
    return targetId.hashCode();
  }

  @Override
  public String toString() {
    return "WebhookTargetRecord[" + targetId + "]";
  }
}
