package dev.mailvault.server.app;

import dev.mailvault.core.crypto.SecretBytes;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.directory.Directory;
import dev.mailvault.store.VaultStore;
import dev.mailvault.store.spool.SpoolStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The files behind an alias: its vault and its spool folder, created when the alias is and deleted
 * when it goes. On a node that stores mail they are its own ({@link #local}); a cluster's front-end
 * has none and asks the vault's primary (ADR 0286).
 */
public interface VaultFiles {

  /**
   * Creates the empty vault (schema and default folders) of a new alias.
   *
   * @param dataKey the vault's raw data key; the caller keeps and destroys it
   */
  void create(String vaultId, SecretBytes dataKey) throws MailvaultException;

  /** Deletes the vault file (with -wal and -shm) and the spool folder; returns what was deleted. */
  List<Path> delete(String vaultId) throws MailvaultException;

  /** This node's vaults and spool, the vault's quota kept by {@code directory}'s ledger. */
  static VaultFiles local(Directory directory, VaultStore vaults, SpoolStore spool) {
    return new Local(directory, vaults, spool);
  }

  /** See {@link VaultFiles#local}. */
  record Local(Directory directory, VaultStore vaults, SpoolStore spool) implements VaultFiles {

    @Override
    public void create(String vaultId, SecretBytes dataKey) throws MailvaultException {
      byte[] key = dataKey.bytes();
      try {
        // Creating writes the schema and the default folders; nothing else to do while it is open.
        vaults.create(vaultId, key, directory.quotaLedger(vaultId)).close();
      } finally {
        Arrays.fill(key, (byte) 0);
      }
    }

    @Override
    public List<Path> delete(String vaultId) throws MailvaultException {
      List<Path> deleted = new ArrayList<>();
      Path vaultFile = vaults.fileOf(vaultId);
      if (vaults.delete(vaultId)) {
        deleted.add(vaultFile);
      }
      Path spoolFolder = spool.folderOf(vaultId);
      if (Files.isDirectory(spoolFolder)) {
        try {
          spool.deleteAll(vaultId);
        } catch (IOException e) {
          throw new MailvaultException(
              "could not delete spool " + spoolFolder + ": " + e.getMessage(), e);
        }
        deleted.add(spoolFolder);
      }
      return deleted;
    }
  }
}
