package dev.mailvault.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mailvault.core.address.DomainName;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.jdbc.PostgresDirectory;
import dev.mailvault.directory.jdbc.ServerKeyFile;
import dev.mailvault.directory.jdbc.SqliteDirectory;
import dev.mailvault.directory.jdbc.UnlockCachePolicy;
import dev.mailvault.directory.testing.PostgresServer;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.config.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ADR 0185: the unlock cache follows vault.idle-seconds and can be turned off. ADR 0274: {@code
 * directory.url} chooses PostgreSQL over the embedded file.
 */
class DirectoriesTest {

  @Test
  void theUnlockCacheKeepsKeysAsLongAsAVaultStaysOpen() throws Exception {
    Settings settings =
        Settings.resolve(Map.of(), Map.of("MAILVAULT_VAULT_IDLE_SECONDS", "90"), null);
    assertThat(Directories.unlockCache(settings))
        .isEqualTo(UnlockCachePolicy.keepFor(Duration.ofSeconds(90)));
  }

  @Test
  void byDefaultTheUnlockCacheIsOnForFiveMinutes() throws Exception {
    Settings settings = Settings.resolve(Map.of(), Map.of(), null);
    assertThat(Setting.VAULT_UNLOCK_CACHE.defaultValue()).isEqualTo("true");
    assertThat(Directories.unlockCache(settings).idle()).isEqualTo(Duration.ofSeconds(300));
  }

  @Test
  void anOperatorCanTurnTheUnlockCacheOff() throws Exception {
    Settings settings =
        Settings.resolve(Map.of(), Map.of("MAILVAULT_VAULT_UNLOCK_CACHE", "false"), null);
    assertThat(Directories.unlockCache(settings)).isEqualTo(UnlockCachePolicy.OFF);
    assertThat(Directories.unlockCache(settings).enabled()).isFalse();
  }

  @Test
  void aDirectoryUrlOpensThePostgresqlDirectoryAndTheServerKeyDoesNotApply(@TempDir Path root)
      throws Exception {
    assumeTrue(PostgresServer.available(), "Debian's postgresql package is not installed");
    String url = PostgresServer.shared().newDatabaseUrl();
    Path keyFile = root.resolve("secrets").resolve("server.key");
    ServerKeyFile.create(keyFile);
    Path data = root.resolve("data");
    Settings settings =
        Settings.resolve(
            Map.of(Setting.DATA, data.toString()),
            Map.of("MAILVAULT_DIRECTORY_URL", url, "MAILVAULT_SERVER_KEY_FILE", keyFile.toString()),
            null);
    try (Directory directory = Directories.open(DataLayout.open(data), settings)) {
      directory.addDomain(DomainName.parse("example.com"));
    }
    assertThat(data.resolve(SqliteDirectory.FILE_NAME)).doesNotExist();
    try (Directory same = PostgresDirectory.open(url)) {
      assertThat(same.listDomains()).hasSize(1);
    }
  }
}
