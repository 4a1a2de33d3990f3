package dev.mailvault.store.backup;

import dev.mailvault.core.fs.OwnerOnly;
import dev.mailvault.store.Vault;
import dev.mailvault.store.VaultCopyDamagedException;
import dev.mailvault.store.VaultFileCheck;
import dev.mailvault.store.VaultKeyException;
import dev.mailvault.store.VaultStorageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes backups of open vaults (DESIGN §1.6, docs/adr/0121-backup-copy-and-change-detection.md):
 *
 * <ol>
 *   <li>in the vault's writer turn (its writes wait, no other vault's do): a passive checkpoint and
 *       {@code VACUUM INTO} a temporary file in the staging directory; the turn ends there;
 *   <li>the copy must not be plaintext, must open read-only under the data key and pass {@code
 *       PRAGMA quick_check}: a backup that cannot be opened does not count;
 *   <li>its content digest is compared with the newest stored backup's: equal means unchanged and
 *       nothing is stored;
 *   <li>otherwise the object and then its manifest are stored, and the generation policy prunes.
 * </ol>
 *
 * The temporary copy is deleted whatever happens. It is encrypted like the vault, so nothing
 * readable is ever on disk outside a vault.
 */
public final class VaultBackup {

  private static final Logger LOG = LoggerFactory.getLogger(VaultBackup.class);

  private final BackupCatalog catalog;
  private final Path staging;
  private final GenerationPolicy policy;
  private final Clock clock;

  /** Test seam: runs on the finished copy before it is checked (to damage it). */
  private Consumer<Path> afterCopy = copy -> {};

  /**
   * @param staging a directory on the data directory's file system for temporary copies
   */
  public VaultBackup(BackupCatalog catalog, Path staging, GenerationPolicy policy, Clock clock) {
    this.catalog = catalog;
    this.staging = staging;
    this.policy = policy;
    this.clock = clock;
  }

  public BackupCatalog catalog() {
    return catalog;
  }

  void afterCopy(Consumer<Path> hook) {
    this.afterCopy = hook;
  }

  /**
   * Backs up the vault behind {@code vault}.
   *
   * @param wrappedKey the alias's wrapped data key record as it is now, stored in the manifest
   * @throws BackupStorageException when the staging directory or the target fails
   * @throws BackupFormatException when the newest stored manifest is damaged
   */
  public BackupResult backUp(Vault vault, byte[] wrappedKey)
      throws BackupStorageException, BackupFormatException {
    String vaultId = vault.id();
    Optional<BackupManifest> newest;
    Path copy;
    try {
      newest = catalog.newest(vaultId);
      OwnerOnly.createDirectories(staging);
      copy = staging.resolve(vaultId + "-" + UUID.randomUUID() + ".vault.tmp");
    } catch (IOException e) {
      throw new BackupStorageException("backup target " + catalog.target().describe(), e);
    }
    try {
      Instant created = BackupKeys.truncate(clock.instant());
      if (newest.isPresent() && !created.isAfter(newest.get().created())) {
        created = newest.get().created().plusMillis(1); // keys are written once and sort by time
      }
      try {
        vault.copyTo(copy);
      } catch (VaultStorageException e) {
        return rejected(vaultId, "the copy failed: " + e.getMessage());
      }
      afterCopy.accept(copy);
      VaultFileCheck.Result check;
      try {
        check = vault.checkCopy(copy);
      } catch (VaultKeyException e) {
        return rejected(vaultId, "the copy does not open with the vault's key");
      } catch (VaultCopyDamagedException e) {
        return rejected(vaultId, e.getMessage());
      }
      if (newest.isPresent() && newest.get().hasContent(check.contentDigest())) {
        return new BackupResult.Unchanged(newest.get());
      }
      BackupManifest manifest =
          new BackupManifest(
              BackupManifest.FORMAT,
              vaultId,
              created,
              Files.size(copy),
              sha256(copy),
              check.contentDigest(),
              check.schemaVersion(),
              wrappedKey);
      catalog.store(manifest, copy);
      return new BackupResult.Uploaded(manifest, prune(vaultId));
    } catch (IOException e) {
      throw new BackupStorageException("backup target " + catalog.target().describe(), e);
    } finally {
      deleteQuietly(copy);
    }
  }

  /** Deletes the backups the policy no longer keeps; returns their times. */
  private List<Instant> prune(String vaultId) throws IOException {
    List<Instant> doomed = policy.toDelete(catalog.times(vaultId));
    for (Instant time : doomed) {
      catalog.delete(vaultId, time);
    }
    return doomed;
  }

  private static BackupResult rejected(String vaultId, String reason) {
    LOG.warn("backup of vault {} rejected: {}", vaultId, reason);
    return new BackupResult.Rejected(reason);
  }

  /** SHA-256 of a file's bytes. */
  static byte[] sha256(Path file) throws IOException {
    MessageDigest digest = newSha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return digest.digest();
  }

  static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("cannot delete temporary backup file {}: {}", file, e.getMessage());
    }
  }
}
