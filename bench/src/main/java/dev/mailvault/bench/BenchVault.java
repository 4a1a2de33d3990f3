package dev.mailvault.bench;

import dev.mailvault.core.crypto.RandomIds;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.quota.QuotaLedger;
import dev.mailvault.store.Vault;
import dev.mailvault.store.VaultStore;
import dev.mailvault.store.VaultStoreConfig;
import java.util.Arrays;

/**
 * A fresh vault in a scratch directory, opened through a store with the production defaults
 * (optionally {@code synchronous=FULL}); closing it deletes every file it wrote.
 */
public final class BenchVault implements AutoCloseable {

  /** The vault id used by every benchmark: ids are random in production, the name is irrelevant. */
  public static final String ID = "0123456789abcdef0123456789abcdef";

  private final ScratchDirectory scratch;
  private final VaultStore store;
  private final Vault vault;

  private BenchVault(ScratchDirectory scratch, VaultStore store, Vault vault) {
    this.scratch = scratch;
    this.store = store;
    this.vault = vault;
  }

  public static BenchVault create(String name, boolean synchronousFull) throws MailvaultException {
    ScratchDirectory scratch = ScratchDirectory.create(name);
    VaultStore store =
        new VaultStore(
            VaultStoreConfig.defaults(scratch.path().resolve("vaults"))
                .withSynchronousFull(synchronousFull));
    byte[] key = RandomIds.bytes(32);
    try {
      return new BenchVault(scratch, store, store.create(ID, key, QuotaLedger.UNLIMITED));
    } catch (MailvaultException | RuntimeException e) {
      store.close();
      scratch.close();
      throw e;
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  public Vault vault() {
    return vault;
  }

  public VaultStore store() {
    return store;
  }

  /** Bytes of the vault file with its {@code -wal} and {@code -shm} as they are now. */
  public long bytesOnDisk() {
    return ScratchDirectory.sizeOf(store.config().vaultsDir(), ID + ".sqlite");
  }

  @Override
  public void close() {
    vault.close();
    store.close();
    scratch.close();
  }
}
