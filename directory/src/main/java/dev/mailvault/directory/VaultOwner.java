package dev.mailvault.directory;

import java.util.Objects;

/**
 * The primary that owns a vault, where to reach it, and the vault's epoch: the fencing token of
 * this assignment, which rises with every takeover and move (ADR 0280, 0281).
 */
public record VaultOwner(String vaultId, String primary, String rpcAddress, long epoch) {

  public VaultOwner {
    Objects.requireNonNull(vaultId, "vaultId");
    Objects.requireNonNull(primary, "primary");
    Objects.requireNonNull(rpcAddress, "rpcAddress");
  }
}
