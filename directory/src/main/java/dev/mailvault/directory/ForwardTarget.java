package dev.mailvault.directory;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.address.InvalidAddressException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * One forward target of an alias (ADR 0240): an email address, or an {@code https://} URL that
 * receives each message as a webhook.
 *
 * @param id random, unique in the directory; a webhook's queue recipient names it, not the alias
 * @param target the address or URL as stored
 */
public record ForwardTarget(String id, String target) {

  public ForwardTarget {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(target, "target");
  }

  /** Whether this target is a webhook URL rather than an address. */
  public boolean isWebhook() {
    return isUrl(target);
  }

  static boolean isUrl(String target) {
    return target.regionMatches(true, 0, "https://", 0, 8);
  }

  /**
   * The stored form of a target as a person typed it: a URL must be {@code https://} with a host;
   * anything else must be an address.
   */
  public static String normalise(String typed) throws InvalidForwardTargetException {
    String target = typed.trim();
    if (target.regionMatches(true, 0, "http://", 0, 7)) {
      // A webhook receives the message in plaintext: never over an unencrypted connection.
      throw new InvalidForwardTargetException("a webhook URL must use https://");
    }
    if (isUrl(target)) {
      try {
        URI uri = new URI(target);
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
          throw new InvalidForwardTargetException(
              "a webhook URL needs a host, no user or fragment");
        }
        return "https" + target.substring(5);
      } catch (URISyntaxException e) {
        throw new InvalidForwardTargetException("not a valid URL");
      }
    }
    try {
      EmailAddress address = EmailAddress.parse(target);
      return address.localPart() + "@" + address.domain().value().toLowerCase(Locale.ROOT);
    } catch (InvalidAddressException e) {
      throw new InvalidForwardTargetException("a target is an address or an https:// URL");
    }
  }

  @Override
  public String toString() {
    // No address or URL in logs (privacy).
    return "ForwardTarget[" + id + (isWebhook() ? ", webhook" : ", address") + "]";
  }
}
