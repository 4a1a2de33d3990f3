package dev.mailvault.server.outbound;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.address.InvalidAddressException;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.WebhookTargetRecord;
import dev.mailvault.outbound.webhook.WebhookDelivery;
import dev.mailvault.outbound.webhook.WebhookEndpoint;
import dev.mailvault.outbound.webhook.WebhookEndpoints;
import dev.mailvault.outbound.webhook.WebhookLog;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook transmitter's view of the directory (ADR 0240, 0245): a queued webhook recipient's
 * target id finds its URL and its alias's secret, and every attempt goes into the alias's delivery
 * log, never with content or URL.
 */
public final class DirectoryWebhooks implements WebhookEndpoints, WebhookLog {

  private static final Logger LOG = LoggerFactory.getLogger(DirectoryWebhooks.class);

  private final Directory directory;

  public DirectoryWebhooks(Directory directory) {
    this.directory = directory;
  }

  @Override
  public Optional<WebhookEndpoint> find(String targetId) {
    Optional<WebhookTargetRecord> record = directory.webhookTarget(targetId);
    if (record.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new WebhookEndpoint(
              targetId,
              record.get().alias().toString(),
              new URI(record.get().url()),
              signingKey(record.get().secret())));
    } catch (URISyntaxException e) {
      // Checked when it was added; a stored URL that no longer parses is gone for good.
      LOG.warn("webhook target {} has a URL that does not parse", targetId);
      return Optional.empty();
    }
  }

  /**
   * The HMAC key is the secret as the user was shown it (ADR 0245): the hex text, not the bytes
   * under it, so a receiver pastes it into its verifier as it is.
   */
  static byte[] signingKey(byte[] secret) {
    return HexFormat.of().formatHex(secret).getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public void record(WebhookDelivery entry) {
    try {
      directory.recordWebhookDelivery(
          new dev.mailvault.directory.WebhookDelivery(
              EmailAddress.parse(entry.alias()),
              entry.queueId(),
              entry.targetId(),
              entry.at(),
              entry.httpStatus() == 0 ? OptionalInt.empty() : OptionalInt.of(entry.httpStatus()),
              entry.errorKind().isEmpty() ? Optional.empty() : Optional.of(entry.errorKind()),
              dev.mailvault.directory.WebhookDelivery.Outcome.valueOf(entry.outcome().name())));
    } catch (InvalidAddressException | RuntimeException e) {
      // The log is for the user's information; a failure to write it must not fail the delivery.
      LOG.warn("webhook log of target {} not written: {}", entry.targetId(), e.toString());
    }
  }
}
