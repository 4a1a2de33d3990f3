package dev.mailvault.directory.jdbc;

import dev.mailvault.core.testing.ManualClock;
import dev.mailvault.directory.ClusterRegistry;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.PrimaryLease;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The placement cases on the embedded directory, its time a {@link ManualClock}. */
class ClusterRegistrySqliteTest extends ClusterRegistryContract {

  @TempDir Path data;
  private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T08:00:00Z"));
  private Directory directory;

  @BeforeEach
  void open() throws Exception {
    directory =
        Fixtures.open(
            data, new DirectoryOptions(new CountingKdf(), Fixtures.FAST).withClock(clock));
  }

  @AfterEach
  void close() throws Exception {
    directory.close();
  }

  @Override
  ClusterRegistry registry() {
    return directory.clusterRegistry();
  }

  @Override
  void lapse(PrimaryLease lease) {
    clock.advance(lease.lease().plus(Duration.ofMillis(1)));
  }
}
