package dev.mailvault.directory.jdbc;

import static dev.mailvault.directory.jdbc.Fixtures.domain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mailvault.directory.Directory;
import dev.mailvault.directory.DirectoryStorageException;
import dev.mailvault.directory.DirectoryUnavailableException;
import dev.mailvault.directory.testing.PostgresServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A PostgreSQL directory whose database goes away fails with a clear message, not a hang. */
class PostgresUnavailableTest {

  @Test
  void aStoppedDatabaseFailsCallsAndOpensClearly(@TempDir Path dir) throws Exception {
    assumeTrue(PostgresServer.available(), "Debian's postgresql package is not installed");
    PostgresServer server = PostgresServer.start(dir);
    String url = server.newDatabaseUrl().replace("postgres@", "postgres:pw%21secret@");
    try (Directory directory =
        PostgresDirectory.open(url, new DirectoryOptions(new CountingKdf(), Fixtures.FAST))) {
      directory.addDomain(domain("example.com"));
      server.close();
      assertThatThrownBy(() -> directory.addDomain(domain("example.org")))
          .isInstanceOf(DirectoryStorageException.class);
    } finally {
      server.close();
    }
    assertThatThrownBy(() -> PostgresDirectory.open(url))
        .isInstanceOf(DirectoryUnavailableException.class)
        .hasMessageStartingWith("cannot connect to the directory database postgresql://postgres@")
        .hasMessageNotContaining("secret")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }
}
