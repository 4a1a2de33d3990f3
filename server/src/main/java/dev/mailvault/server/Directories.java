package dev.mailvault.server;

import dev.mailvault.directory.Directory;
import dev.mailvault.directory.DirectoryUnavailableException;
import dev.mailvault.directory.jdbc.DirectoryOptions;
import dev.mailvault.directory.jdbc.SqliteDirectory;
import dev.mailvault.directory.jdbc.UnlockCachePolicy;
import dev.mailvault.server.config.ConfigException;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.config.Settings;
import java.time.Duration;
import java.util.Optional;

/** Opens the directory the settings describe: embedded SQLite in the data directory for now. */
public final class Directories {

  private Directories() {}

  public static Directory open(DataLayout layout, Settings settings)
      throws DirectoryUnavailableException, ConfigException {
    return SqliteDirectory.open(
        layout.root(),
        Optional.ofNullable(settings.serverKeyFile()),
        DirectoryOptions.defaults().withUnlockCache(unlockCache(settings)));
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
