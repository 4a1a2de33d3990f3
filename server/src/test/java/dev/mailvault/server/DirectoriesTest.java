package dev.mailvault.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.directory.jdbc.UnlockCachePolicy;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.config.Settings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ADR 0185: the unlock cache follows vault.idle-seconds and can be turned off. */
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
}
