package dev.mailvault.server;

import dev.mailvault.server.config.ConfigException;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.config.Settings;
import dev.mailvault.store.VaultStore;
import dev.mailvault.store.VaultStoreConfig;
import java.time.Duration;

/** Builds the vault store from the settings. */
public final class Vaults {

  private Vaults() {}

  public static VaultStore open(DataLayout layout, Settings settings) throws ConfigException {
    VaultStoreConfig config =
        VaultStoreConfig.defaults(layout.vaults())
            .withIdleTimeout(Duration.ofSeconds(settings.positiveLong(Setting.VAULT_IDLE_SECONDS)))
            .withSynchronousFull(settings.bool(Setting.VAULT_SYNC_FULL));
    return new VaultStore(config);
  }
}
