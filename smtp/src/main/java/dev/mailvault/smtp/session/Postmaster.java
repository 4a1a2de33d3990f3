package dev.mailvault.smtp.session;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.directory.AliasInfo;
import dev.mailvault.directory.AliasRoute;
import dev.mailvault.directory.Directory;
import java.util.Comparator;
import java.util.Optional;

/**
 * Where mail to the postmaster goes (RFC 5321 §4.5.1: {@code <postmaster>}, with no domain, must be
 * accepted, and so must postmaster at every served domain). The configured alias when there is one;
 * else the oldest enabled alias of the directory, the one its administrator made first (ADR 0178).
 */
final class Postmaster {

  static final String LOCAL_PART = "postmaster";

  private static final Comparator<AliasInfo> OLDEST =
      Comparator.comparing(AliasInfo::created).thenComparing(info -> info.address().canonical());

  private final Directory directory;
  private final Optional<EmailAddress> configured;

  Postmaster(Directory directory, Optional<EmailAddress> configured) {
    this.directory = directory;
    this.configured = configured;
  }

  static boolean named(String localPart) {
    return localPart.equalsIgnoreCase(LOCAL_PART);
  }

  /** The alias that receives postmaster mail, if any. */
  Optional<AliasRoute> route() {
    if (configured.isPresent()) {
      return directory.findAlias(configured.get());
    }
    return directory.listAliases().stream()
        .filter(AliasInfo::enabled)
        .min(OLDEST)
        .flatMap(oldest -> directory.findAlias(oldest.address()));
  }
}
