package dev.mailvault.imap.handler;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.directory.AccountInfo;
import dev.mailvault.directory.AliasInfo;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.DomainInfo;
import dev.mailvault.directory.QuotaLimits;
import dev.mailvault.directory.UnknownDomainException;
import dev.mailvault.directory.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.ToLongFunction;

/**
 * The RFC 9208 resources of the alias's one quota root: what the alias uses and how far it may go
 * before the alias, its domain or the account runs out, whichever comes first (ADR 0076).
 */
final class QuotaResources {

  /** One {@code name usage limit} triple of a QUOTA response (RFC 9208 §5). */
  record Resource(String name, long usage, long limit) {}

  private QuotaResources() {}

  /**
   * STORAGE in units of 1024 octets (RFC 9208 §5.1), usage rounded up and limit down so the client
   * never sees more room than there is; MESSAGE as a count (§5.2). A resource without a limit at
   * any level is left out; an empty list means the alias has no quota root.
   */
  static List<Resource> of(Directory directory, EmailAddress user) {
    AliasInfo alias = null;
    DomainInfo domain = null;
    try {
      for (AliasInfo candidate : directory.listAliases(user.domain())) {
        if (candidate.address().equals(user)) {
          alias = candidate;
        }
      }
    } catch (UnknownDomainException e) {
      return List.of(); // removed while the session lives: nothing left to count against
    }
    for (DomainInfo candidate : directory.listDomains()) {
      if (candidate.name().equals(user.domain())) {
        domain = candidate;
      }
    }
    if (alias == null || domain == null) {
      return List.of();
    }
    AccountInfo account = directory.account();
    List<Level> levels =
        List.of(
            new Level(alias.limits(), alias.usage()),
            new Level(domain.limits(), domain.usage()),
            new Level(account.limits(), account.usage()));
    List<Resource> resources = new ArrayList<>();
    OptionalLong bytes = effectiveLimit(levels, QuotaLimits::maxBytes, Usage::bytes);
    if (bytes.isPresent()) {
      long used = alias.usage().bytes();
      resources.add(
          new Resource("STORAGE", ceilDiv(used, 1024), (used + bytes.getAsLong()) / 1024));
    }
    OptionalLong messages = effectiveLimit(levels, QuotaLimits::maxMessages, Usage::messages);
    if (messages.isPresent()) {
      long used = alias.usage().messages();
      resources.add(new Resource("MESSAGE", used, used + messages.getAsLong()));
    }
    return resources;
  }

  private record Level(QuotaLimits limits, Usage usage) {}

  /** The smallest room left over all levels that have a limit, or empty when none has. */
  private static OptionalLong effectiveLimit(
      List<Level> levels,
      java.util.function.Function<QuotaLimits, OptionalLong> limit,
      ToLongFunction<Usage> used) {
    OptionalLong room = OptionalLong.empty();
    for (Level level : levels) {
      OptionalLong max = limit.apply(level.limits());
      if (max.isPresent()) {
        long left = Math.max(0, max.getAsLong() - used.applyAsLong(level.usage()));
        room = OptionalLong.of(room.isPresent() ? Math.min(room.getAsLong(), left) : left);
      }
    }
    return room;
  }

  private static long ceilDiv(long value, long unit) {
    return (value + unit - 1) / unit;
  }
}
