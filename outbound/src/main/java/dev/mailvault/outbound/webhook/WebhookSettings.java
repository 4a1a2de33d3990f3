package dev.mailvault.outbound.webhook;

import java.time.Duration;
import java.util.Objects;

/**
 * How the {@link WebhookTransmitter} posts.
 *
 * @param connectTimeout how long to wait for the TCP and TLS connection
 * @param requestTimeout how long to wait for the receiver's status line after the connection began,
 *     sending the body included; the answer's body is never read
 * @param maxPayloadBytes a message whose JSON would be larger fails for good (RFC 3463 X.3.4)
 * @param allowPrivateAddresses post to receivers on loopback, private, link-local and other
 *     non-public addresses; off by default, so that a user cannot make the server reach inside its
 *     own network (server-side request forgery, ADR 0245)
 * @param allowPlainHttp post to {@code http://} URLs as well; for tests only
 */
public record WebhookSettings(
    Duration connectTimeout,
    Duration requestTimeout,
    int maxPayloadBytes,
    boolean allowPrivateAddresses,
    boolean allowPlainHttp) {

  /** 10 s to connect, 30 s for the answer, 64 MiB of JSON, public HTTPS receivers only. */
  public static WebhookSettings defaults() {
    return new WebhookSettings(
        Duration.ofSeconds(10), Duration.ofSeconds(30), 64 << 20, false, false);
  }

  public WebhookSettings {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    if (connectTimeout.isNegative()
        || connectTimeout.isZero()
        || requestTimeout.isNegative()
        || requestTimeout.isZero()
        || maxPayloadBytes < 1) {
      throw new IllegalArgumentException("webhook settings out of range");
    }
  }
}
