package dev.mailvault.smtp.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.address.DomainName;
import dev.mailvault.core.testing.ManualClock;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.jdbc.SqliteDirectory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServedDomainsTest {

  @TempDir Path data;

  @Test
  void aDomainAddedLaterIsServedAfterTheMissRefreshAndARemovedOneAfterTheMaximumAge()
      throws Exception {
    ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    try (Directory directory = SqliteDirectory.open(data, Optional.empty())) {
      DomainName example = DomainName.parse("example.com");
      DomainName later = DomainName.parse("later.example");
      directory.addDomain(example);
      ServedDomains served = new ServedDomains(directory, clock);
      assertThat(served.serves(example)).isTrue();
      assertThat(served.serves(later)).isFalse();

      directory.addDomain(later);
      clock.advance(Duration.ofSeconds(1));
      assertThat(served.serves(later)).as("within the miss refresh interval").isFalse();
      clock.advance(ServedDomains.MISS_REFRESH);
      assertThat(served.serves(later)).isTrue();

      directory.removeDomain(later, true);
      clock.advance(ServedDomains.MAX_AGE.minusSeconds(10));
      assertThat(served.serves(later)).as("cached positive answer").isTrue();
      clock.advance(Duration.ofSeconds(10));
      assertThat(served.serves(later)).isFalse();
    }
  }
}
