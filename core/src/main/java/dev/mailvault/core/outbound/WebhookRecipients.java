package dev.mailvault.core.outbound;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a webhook target rides in the outbound queue (ADR 0240): as the recipient {@code
 * <targetId>@webhook.mailvault.invalid}, a name under the {@code .invalid} top-level domain (RFC
 * 2606 §2), which no resolver answers, so it never reaches DNS or an MX; the queue's router hands
 * that domain to the webhook transmitter. The id names the directory's forward target, not the
 * alias.
 */
public final class WebhookRecipients {

  /** The domain of every webhook recipient. */
  public static final String DOMAIN = "webhook.mailvault.invalid";

  private static final Pattern TARGET_ID = Pattern.compile("[0-9a-f]{1,64}");

  private WebhookRecipients() {}

  /** The queue recipient of a target. */
  public static String address(String targetId) {
    if (!TARGET_ID.matcher(targetId).matches()) {
      throw new IllegalArgumentException("a target id is lower-case hex");
    }
    return targetId + "@" + DOMAIN;
  }

  /** Whether {@code domain} is the webhook domain (compared case-insensitively). */
  public static boolean isWebhookDomain(String domain) {
    return DOMAIN.equals(domain.toLowerCase(Locale.ROOT));
  }

  /** The target id of a webhook recipient, or empty for any other address. */
  public static Optional<String> targetId(String address) {
    int at = address.lastIndexOf('@');
    if (at <= 0 || !isWebhookDomain(address.substring(at + 1))) {
      return Optional.empty();
    }
    String id = address.substring(0, at).toLowerCase(Locale.ROOT);
    return TARGET_ID.matcher(id).matches() ? Optional.of(id) : Optional.empty();
  }
}
