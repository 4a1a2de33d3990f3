package dev.mailvault.store.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The backups of vaults kept in one {@link BackupTarget}. A backup counts once its manifest is
 * stored: the object is uploaded first and the manifest last, and deleting goes the other way, so a
 * backup interrupted half-way is never listed.
 */
public final class BackupCatalog {

  private final BackupTarget target;

  public BackupCatalog(BackupTarget target) {
    this.target = target;
  }

  public BackupTarget target() {
    return target;
  }

  /** The times of the vault's complete backups, oldest first. */
  public List<Instant> times(String vaultId) throws IOException {
    List<String> keys = target.list(BackupKeys.prefix(vaultId));
    Set<String> present = new HashSet<>(keys);
    List<Instant> times = new ArrayList<>();
    for (String key : keys) {
      BackupKeys.manifestTime(vaultId, key)
          .filter(t -> present.contains(BackupKeys.object(vaultId, t)))
          .ifPresent(times::add);
    }
    times.sort(Comparator.naturalOrder());
    return times;
  }

  /** Every complete backup's manifest, oldest first. */
  public List<BackupManifest> manifests(String vaultId) throws IOException, BackupFormatException {
    List<BackupManifest> manifests = new ArrayList<>();
    for (Instant time : times(vaultId)) {
      manifests.add(manifest(vaultId, time));
    }
    return manifests;
  }

  /** The newest backup, or empty when there is none. */
  public Optional<BackupManifest> newest(String vaultId) throws IOException, BackupFormatException {
    List<Instant> times = times(vaultId);
    return times.isEmpty()
        ? Optional.empty()
        : Optional.of(manifest(vaultId, times.get(times.size() - 1)));
  }

  /** The newest backup taken at or before {@code time}, or empty. */
  public Optional<BackupManifest> newestAtOrBefore(String vaultId, Instant time)
      throws IOException, BackupFormatException {
    Instant chosen = null;
    for (Instant t : times(vaultId)) {
      if (!t.isAfter(time)) {
        chosen = t;
      }
    }
    return chosen == null ? Optional.empty() : Optional.of(manifest(vaultId, chosen));
  }

  /** The manifest of the backup of {@code vaultId} taken at {@code time}. */
  public BackupManifest manifest(String vaultId, Instant time)
      throws IOException, BackupFormatException {
    byte[] json;
    try (InputStream in = target.get(BackupKeys.manifest(vaultId, time))) {
      json = in.readAllBytes();
    }
    BackupManifest manifest = BackupManifest.fromJson(json);
    if (!manifest.vaultId().equals(vaultId)
        || !BackupKeys.truncate(manifest.created()).equals(time)) {
      throw new BackupFormatException("a backup manifest does not match its name");
    }
    return manifest;
  }

  /** The backup object's bytes, streamed. */
  public InputStream openObject(BackupManifest manifest) throws IOException {
    return target.get(BackupKeys.object(manifest.vaultId(), manifest.created()));
  }

  /** The backup object's bytes from {@code offset} on, streamed. */
  public InputStream openObject(BackupManifest manifest, long offset) throws IOException {
    return target.get(BackupKeys.object(manifest.vaultId(), manifest.created()), offset);
  }

  /** Stores a backup: the object, then its manifest. */
  void store(BackupManifest manifest, java.nio.file.Path object) throws IOException {
    target.put(BackupKeys.object(manifest.vaultId(), manifest.created()), object);
    target.put(BackupKeys.manifest(manifest.vaultId(), manifest.created()), manifest.toJson());
  }

  /** Deletes one backup: its manifest first, so it stops counting before its object goes. */
  public void delete(String vaultId, Instant time) throws IOException {
    target.delete(BackupKeys.manifest(vaultId, time));
    target.delete(BackupKeys.object(vaultId, time));
  }

  /** Whether {@code e} says the object is absent. */
  static boolean isMissing(IOException e) {
    return e instanceof NoSuchFileException;
  }
}
