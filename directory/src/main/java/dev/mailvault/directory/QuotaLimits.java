package dev.mailvault.directory;

import java.util.OptionalLong;

/**
 * Storage limits of an alias, a domain or the account: bytes and messages, each absent when
 * unlimited.
 */
public record QuotaLimits(OptionalLong maxBytes, OptionalLong maxMessages) {

  public static final QuotaLimits UNLIMITED =
      new QuotaLimits(OptionalLong.empty(), OptionalLong.empty());

  /**
   * @throws IllegalArgumentException for a negative limit (callers validate user input first)
   */
  public QuotaLimits {
    if (maxBytes.isPresent() && maxBytes.getAsLong() < 0
        || maxMessages.isPresent() && maxMessages.getAsLong() < 0) {
      throw new IllegalArgumentException("a quota limit cannot be negative");
    }
  }

  public static QuotaLimits of(long maxBytes, long maxMessages) {
    return new QuotaLimits(OptionalLong.of(maxBytes), OptionalLong.of(maxMessages));
  }

  public static QuotaLimits bytes(long maxBytes) {
    return new QuotaLimits(OptionalLong.of(maxBytes), OptionalLong.empty());
  }

  public static QuotaLimits messages(long maxMessages) {
    return new QuotaLimits(OptionalLong.empty(), OptionalLong.of(maxMessages));
  }
}
