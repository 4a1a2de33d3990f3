package dev.mailvault.store.backup;

import dev.mailvault.core.fs.OwnerOnly;
import dev.mailvault.store.VaultCopyDamagedException;
import dev.mailvault.store.VaultFileCheck;
import dev.mailvault.store.VaultKeyException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongConsumer;

/**
 * Brings a stored backup back: downloads it, checks its size and SHA-256 against its manifest, and
 * for a restore also opens it read-only under the data key with {@code PRAGMA quick_check}. The
 * caller then swaps the checked file in with {@link dev.mailvault.store.VaultStore#replace}.
 */
public final class BackupRestore {

  private final BackupCatalog catalog;
  private final Path staging;

  /**
   * @param staging a directory on the vaults' file system, so the checked file can be renamed in
   */
  public BackupRestore(BackupCatalog catalog, Path staging) {
    this.catalog = catalog;
    this.staging = staging;
  }

  /**
   * Writes the backup object to {@code file} (replacing it) and checks its size and SHA-256.
   *
   * @throws BackupFormatException when the bytes do not match the manifest (the file is deleted)
   */
  public void download(BackupManifest manifest, Path file)
      throws BackupStorageException, BackupFormatException {
    download(manifest, file, bytes -> {});
  }

  /** {@link #download(BackupManifest, Path)}, telling {@code moved} of each chunk written. */
  public void download(BackupManifest manifest, Path file, LongConsumer moved)
      throws BackupStorageException, BackupFormatException {
    MessageDigest digest = VaultBackup.newSha256();
    long size = 0;
    try (InputStream in = new DigestInputStream(catalog.openObject(manifest), digest);
        OutputStream out =
            Channels.newOutputStream(
                Files.newByteChannel(
                    file,
                    Set.of(
                        StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE),
                    // ADR 0179: a restored vault is moved into the vaults directory as it is.
                    OwnerOnly.fileMode()))) {
      byte[] buffer = new byte[1 << 20];
      for (int n; (n = in.read(buffer)) != -1; ) {
        out.write(buffer, 0, n);
        size += n;
        moved.accept(n);
      }
    } catch (IOException e) {
      VaultBackup.deleteQuietly(file);
      throw new BackupStorageException("cannot download from " + catalog.target().describe(), e);
    }
    if (size != manifest.size() || !MessageDigest.isEqual(digest.digest(), manifest.sha256())) {
      VaultBackup.deleteQuietly(file);
      throw new BackupFormatException(
          "the backup of " + manifest.created() + " is damaged: its SHA-256 does not match");
    }
  }

  /**
   * Downloads the backup into the staging directory and checks it with {@code key}: the returned
   * file is a vault that opens and passes its integrity check. The caller moves or deletes it.
   *
   * @throws VaultKeyException when the key does not open it
   */
  public Path fetchChecked(BackupManifest manifest, byte[] key)
      throws BackupStorageException,
          BackupFormatException,
          VaultKeyException,
          VaultCopyDamagedException {
    return fetchChecked(manifest, key, bytes -> {});
  }

  /** {@link #fetchChecked(BackupManifest, byte[])}, telling {@code moved} of each chunk. */
  public Path fetchChecked(BackupManifest manifest, byte[] key, LongConsumer moved)
      throws BackupStorageException,
          BackupFormatException,
          VaultKeyException,
          VaultCopyDamagedException {
    Path file;
    try {
      OwnerOnly.createDirectories(staging);
      file = staging.resolve(manifest.vaultId() + "-" + UUID.randomUUID() + ".restore.tmp");
    } catch (IOException e) {
      throw new BackupStorageException("cannot use staging directory " + staging, e);
    }
    download(manifest, file, moved);
    try {
      VaultFileCheck.Result check = VaultFileCheck.check(manifest.vaultId(), file, key);
      if (!manifest.hasContent(check.contentDigest())) {
        throw new BackupFormatException(
            "the backup of " + manifest.created() + " does not hold what its manifest says");
      }
      return file;
    } catch (VaultKeyException
        | VaultCopyDamagedException
        | BackupFormatException
        | RuntimeException e) {
      VaultBackup.deleteQuietly(file);
      throw e;
    }
  }
}
