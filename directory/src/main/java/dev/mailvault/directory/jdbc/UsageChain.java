package dev.mailvault.directory.jdbc;

import dev.mailvault.core.quota.OverQuotaException;
import dev.mailvault.directory.QuotaLimits;
import dev.mailvault.directory.Usage;
import java.util.OptionalLong;

/** An alias, its domain and its account: each one's id, limits and usage, read together. */
record UsageChain(Level alias, Level domain, Level account) {

  /** One level of the chain. {@code name} is the scope reported in {@link OverQuotaException}. */
  record Level(String name, String whose, long id, QuotaLimits limits, Usage usage) {

    /**
     * Refuses when adding would pass a limit. Scopes are {@code alias.bytes}, {@code
     * domain.messages} and so on.
     */
    void checkRoom(long bytes, long messages) throws OverQuotaException {
      if (exceeds(limits.maxBytes(), usage.bytes(), bytes)) {
        throw new OverQuotaException(
            name + ".bytes",
            "over quota: "
                + whose
                + " storage limit of "
                + limits.maxBytes().getAsLong()
                + " bytes would be exceeded");
      }
      if (exceeds(limits.maxMessages(), usage.messages(), messages)) {
        throw new OverQuotaException(
            name + ".messages",
            "over quota: "
                + whose
                + " limit of "
                + limits.maxMessages().getAsLong()
                + " messages would be exceeded");
      }
    }

    private static boolean exceeds(OptionalLong limit, long used, long adding) {
      return limit.isPresent() && used + adding > limit.getAsLong();
    }
  }

  void checkRoom(long bytes, long messages) throws OverQuotaException {
    alias.checkRoom(bytes, messages);
    domain.checkRoom(bytes, messages);
    account.checkRoom(bytes, messages);
  }
}
