package dev.mailvault.directory;

import dev.mailvault.core.address.EmailAddress;
import java.util.Arrays;

/**
 * What routing needs to know about an alias: where its vault is and the public key to seal spool
 * items to ({@link dev.mailvault.core.crypto.SpoolSealer}).
 */
public record AliasRoute(
    EmailAddress address, String vaultId, boolean enabled, byte[] spoolPublicKey) {

  public AliasRoute {
    spoolPublicKey = spoolPublicKey.clone();
  }

  @Override
  public byte[] spoolPublicKey() {
    return spoolPublicKey.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AliasRoute other
        && address.equals(other.address)
        && vaultId.equals(other.vaultId)
        && enabled == other.enabled
        && Arrays.equals(spoolPublicKey, other.spoolPublicKey);
  }

  @Override
  public int hashCode() {
    return vaultId.hashCode();
  }

  @Override
  public String toString() {
    return "AliasRoute[vault " + vaultId + ", enabled " + enabled + "]";
  }
}
