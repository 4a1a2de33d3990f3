package dev.mailvault.smtp.session;

import dev.mailvault.core.address.DomainName;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.DomainInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The domains the MX accepts mail for (no open relay), from {@link Directory#listDomains()},
 * cached: refreshed when older than {@link #MAX_AGE}, and on a miss at most every {@link
 * #MISS_REFRESH}, so a domain just added is served within seconds while a flood of mail for foreign
 * domains does not read the directory per recipient. Thread-safe.
 */
final class ServedDomains {

  static final Duration MAX_AGE = Duration.ofMinutes(1);
  static final Duration MISS_REFRESH = Duration.ofSeconds(2);

  private record Snapshot(Set<DomainName> domains, Instant read) {}

  private final Directory directory;
  private final Clock clock;
  private volatile Snapshot snapshot;

  ServedDomains(Directory directory, Clock clock) {
    this.directory = directory;
    this.clock = clock;
  }

  boolean serves(DomainName domain) {
    Instant now = clock.instant();
    Snapshot current = snapshot;
    if (current == null || !now.isBefore(current.read.plus(MAX_AGE))) {
      current = refresh(now);
    }
    if (current.domains.contains(domain)) {
      return true;
    }
    if (!now.isBefore(current.read.plus(MISS_REFRESH))) {
      current = refresh(now);
    }
    return current.domains.contains(domain);
  }

  private synchronized Snapshot refresh(Instant now) {
    Snapshot current = snapshot;
    if (current != null && current.read.equals(now)) {
      return current;
    }
    Snapshot fresh =
        new Snapshot(
            directory.listDomains().stream().map(DomainInfo::name).collect(Collectors.toSet()),
            now);
    snapshot = fresh;
    return fresh;
  }
}
