package dev.mailvault.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link VaultStore}.
 *
 * @param vaultsDir where vault files live ({@code <data>/vaults})
 * @param idleTimeout how long an unused connection stays open
 * @param readConnections the most read connections per open vault
 * @param synchronousFull {@code synchronous=FULL} (survives power loss) instead of {@code NORMAL}
 *     (survives a killed process)
 */
public record VaultStoreConfig(
    Path vaultsDir, Duration idleTimeout, int readConnections, boolean synchronousFull) {

  public VaultStoreConfig {
    Objects.requireNonNull(vaultsDir, "vaultsDir");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("idleTimeout must be positive");
    }
    if (readConnections < 1) {
      throw new IllegalArgumentException("readConnections must be at least 1");
    }
  }

  /** Five minutes idle, four readers, NORMAL sync. */
  public static VaultStoreConfig defaults(Path vaultsDir) {
    return new VaultStoreConfig(vaultsDir, Duration.ofMinutes(5), 4, false);
  }

  public VaultStoreConfig withIdleTimeout(Duration timeout) {
    return new VaultStoreConfig(vaultsDir, timeout, readConnections, synchronousFull);
  }

  public VaultStoreConfig withReadConnections(int count) {
    return new VaultStoreConfig(vaultsDir, idleTimeout, count, synchronousFull);
  }

  public VaultStoreConfig withSynchronousFull(boolean full) {
    return new VaultStoreConfig(vaultsDir, idleTimeout, readConnections, full);
  }
}
