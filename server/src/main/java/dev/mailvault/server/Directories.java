package dev.mailvault.server;

import dev.mailvault.directory.Directory;
import dev.mailvault.directory.DirectoryUnavailableException;
import dev.mailvault.directory.jdbc.DirectoryOptions;
import dev.mailvault.directory.jdbc.PostgresDirectory;
import dev.mailvault.directory.jdbc.SqliteDirectory;
import dev.mailvault.directory.jdbc.UnlockCachePolicy;
import dev.mailvault.server.config.ConfigException;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.config.Settings;
import java.time.Duration;
import java.util.Optional;

/**
 * Opens the directory the settings describe: the PostgreSQL database of {@code directory.url} when
 * it is set (ADR 0274; the server key does not apply to it), otherwise the embedded SQLite file in
 * the data directory.
 */
public final class Directories {

  private Directories() {}

  public static Directory open(DataLayout layout, Settings settings)
      throws DirectoryUnavailableException, ConfigException {
    DirectoryOptions options = DirectoryOptions.defaults().withUnlockCache(unlockCache(settings));
    String url = settings.get(Setting.DIRECTORY_URL);
    if (url != null && !url.isBlank()) {
      return PostgresDirectory.open(url.strip(), options);
    }
    return SqliteDirectory.open(
        layout.root(), Optional.ofNullable(settings.serverKeyFile()), options);
  }

  /** ADR 0185: unlocked keys live as long as the vault stays open after its last use. */
  static UnlockCachePolicy unlockCache(Settings settings) throws ConfigException {
    if (!settings.bool(Setting.VAULT_UNLOCK_CACHE)) {
      return UnlockCachePolicy.OFF;
    }
    return UnlockCachePolicy.keepFor(
        Duration.ofSeconds(settings.positiveLong(Setting.VAULT_IDLE_SECONDS)));
  }
}
