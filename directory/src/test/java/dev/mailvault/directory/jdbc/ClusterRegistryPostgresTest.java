package dev.mailvault.directory.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mailvault.directory.ClusterRegistry;
import dev.mailvault.directory.PrimaryLease;
import dev.mailvault.directory.PrimaryStatus;
import dev.mailvault.directory.testing.PostgresServer;
import java.time.Clock;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The placement cases on a real PostgreSQL, whose own clock (clock_timestamp()) counts the leases:
 * the {@link Clock} given here is a fixed instant, so a test passes only if the database's time is
 * the one used.
 */
class ClusterRegistryPostgresTest extends ClusterRegistryContract {

  private ClusterStorage registry;

  @BeforeAll
  static void needsPostgres() {
    assumeTrue(PostgresServer.available(), "Debian's postgresql package is not installed");
  }

  @BeforeEach
  void open() {
    registry =
        new ClusterStorage(
            new PostgresTestDatabase(),
            Clock.fixed(java.time.Instant.parse("2000-01-01T00:00:00Z"), java.time.ZoneOffset.UTC));
  }

  @Override
  ClusterRegistry registry() {
    return registry;
  }

  @Override
  void lapse(PrimaryLease lease) throws Exception {
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                registry.primaries().stream()
                    .filter(p -> p.primary().equals(lease.primary()))
                    .noneMatch(PrimaryStatus::live));
    assertThat(registry.renew(lease)).isFalse();
  }
}
