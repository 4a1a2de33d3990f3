package dev.mailvault.directory;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.crypto.SecretBytes;

/**
 * An alias unlocked by its password: the vault to open, the raw key to open it with, and the spool
 * private key to drain sealed items. {@link #close()} destroys both keys.
 */
public final class UnlockedAlias implements AutoCloseable {

  private final EmailAddress address;
  private final String vaultId;
  private final SecretBytes dataKey;
  private final SecretBytes spoolPrivateKey;

  public UnlockedAlias(
      EmailAddress address, String vaultId, SecretBytes dataKey, SecretBytes spoolPrivateKey) {
    this.address = address;
    this.vaultId = vaultId;
    this.dataKey = dataKey;
    this.spoolPrivateKey = spoolPrivateKey;
  }

  public EmailAddress address() {
    return address;
  }

  public String vaultId() {
    return vaultId;
  }

  /** The vault's raw 256-bit data key; owned by this object. */
  public SecretBytes dataKey() {
    return dataKey;
  }

  /** The serialized spool private key ({@link dev.mailvault.core.crypto.SpoolKeyPair}). */
  public SecretBytes spoolPrivateKey() {
    return spoolPrivateKey;
  }

  @Override
  public void close() {
    dataKey.destroy();
    spoolPrivateKey.destroy();
  }

  @Override
  public String toString() {
    return "UnlockedAlias[vault " + vaultId + "]";
  }
}
