package dev.mailvault.server.backup;

import dev.mailvault.core.access.FolderInfo;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.quota.OverQuotaException;
import dev.mailvault.core.quota.QuotaLedger;
import dev.mailvault.directory.AliasInfo;
import dev.mailvault.directory.AliasRoute;
import dev.mailvault.directory.AuthenticationFailedException;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.UnlockedAlias;
import dev.mailvault.server.app.AliasBackups;
import dev.mailvault.server.app.NoBackupException;
import dev.mailvault.store.Vault;
import dev.mailvault.store.VaultStore;
import dev.mailvault.store.backup.BackupCatalog;
import dev.mailvault.store.backup.BackupManifest;
import dev.mailvault.store.backup.BackupRestore;
import dev.mailvault.store.backup.BackupResult;
import dev.mailvault.store.backup.BackupStorageException;
import dev.mailvault.store.backup.BackupTarget;
import dev.mailvault.store.backup.GenerationPolicy;
import dev.mailvault.store.backup.VaultBackup;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backups by alias: what the {@code backup} commands, the admin channel and the scheduler do. It
 * joins the directory (which vault, which wrapped key, the password check) to the store's backup
 * engine; the store never sees an address (DESIGN §3).
 */
public final class BackupService implements AliasBackups {

  private static final Logger LOG = LoggerFactory.getLogger(BackupService.class);

  /** A download is read and written in pieces of this size. */
  private static final int COPY_PIECE = 64 * 1024;

  private final Directory directory;
  private final VaultStore vaults;
  private final BackupCatalog catalog;
  private final VaultBackup backup;
  private final BackupRestore restore;
  private volatile BackupOutcomes outcomes = BackupOutcomes.NONE;

  public BackupService(
      Directory directory,
      VaultStore vaults,
      BackupTarget target,
      Path staging,
      GenerationPolicy policy,
      Clock clock) {
    this.directory = directory;
    this.vaults = vaults;
    this.catalog = new BackupCatalog(target);
    this.backup = new VaultBackup(catalog, staging, policy, clock);
    this.restore = new BackupRestore(catalog, staging);
  }

  public BackupCatalog catalog() {
    return catalog;
  }

  /** The vault id of an alias; a one-line failure when there is no such alias. */
  public String vaultIdOf(EmailAddress address) throws MailvaultException {
    return directory
        .findAlias(address)
        .map(AliasRoute::vaultId)
        .orElseThrow(() -> new MailvaultException("no such alias"));
  }

  /** The alias whose vault is {@code vaultId}, if any. */
  public Optional<EmailAddress> addressOf(String vaultId) {
    return directory.listAliases().stream()
        .filter(a -> a.vaultId().equals(vaultId))
        .map(AliasInfo::address)
        .findFirst();
  }

  /** Where each backup's outcome and duration are counted (ADR 0256); nothing until set. */
  public void setOutcomes(BackupOutcomes outcomes) {
    this.outcomes = java.util.Objects.requireNonNull(outcomes, "outcomes");
  }

  /** Backs up through a handle the caller holds; every backup of the node passes here. */
  public BackupResult backUp(Vault vault, EmailAddress address) throws MailvaultException {
    long started = System.nanoTime();
    try {
      byte[] record = KeyRecord.encode(directory.wrappedDataKey(address));
      BackupResult result = backup.backUp(vault, record);
      outcomes.finished(
          BackupOutcomes.outcomeOf(result), Duration.ofNanos(System.nanoTime() - started));
      return result;
    } catch (MailvaultException | RuntimeException e) {
      outcomes.finished(BackupOutcomes.FAILED, Duration.ofNanos(System.nanoTime() - started));
      throw e;
    }
  }

  /** Backs up the alias's vault if this process holds it open now; empty otherwise. */
  @Override
  public Optional<BackupResult> backUpIfOpen(EmailAddress address) throws MailvaultException {
    String vaultId = vaultIdOf(address);
    Optional<Vault> open = vaults.openIfUnlocked(vaultId, QuotaLedger.UNLIMITED);
    if (open.isEmpty()) {
      return Optional.empty();
    }
    try (Vault vault = open.get()) {
      return Optional.of(backUp(vault, address));
    }
  }

  /** Backs up the alias's vault, unlocking it with its password. */
  @Override
  public BackupResult backUpWithPassword(EmailAddress address, char[] password)
      throws MailvaultException {
    try (UnlockedAlias alias = unlock(address, password);
        Vault vault = openVault(alias)) {
      return backUp(vault, address);
    }
  }

  /**
   * Backs up the vault of an alias already unlocked (a My account session's): through the handle
   * this process holds open when it does, else opened with the session's data key. No password.
   */
  @Override
  public BackupResult backUpUnlocked(UnlockedAlias alias) throws MailvaultException {
    Optional<BackupResult> open = backUpIfOpen(alias.address());
    if (open.isPresent()) {
      return open.get();
    }
    try (Vault vault = openVault(alias)) {
      return backUp(vault, alias.address());
    }
  }

  /** Every backup of the alias's vault, oldest first. */
  @Override
  public List<BackupManifest> list(EmailAddress address) throws MailvaultException {
    String vaultId = vaultIdOf(address);
    try {
      return catalog.manifests(vaultId);
    } catch (IOException e) {
      throw new BackupStorageException("backup target " + catalog.target().describe(), e);
    }
  }

  /** The newest backup, or the newest at or before {@code at} when given. */
  public BackupManifest choose(EmailAddress address, Instant at) throws MailvaultException {
    String vaultId = vaultIdOf(address);
    try {
      Optional<BackupManifest> chosen =
          at == null ? catalog.newest(vaultId) : catalog.newestAtOrBefore(vaultId, at);
      return chosen.orElseThrow(
          () ->
              new MailvaultException(
                  at == null ? "no backup yet" : "no backup at or before " + at));
    } catch (IOException e) {
      throw new BackupStorageException("backup target " + catalog.target().describe(), e);
    }
  }

  /**
   * Writes the chosen backup to {@code file} (checked against its SHA-256) and its manifest to
   * {@code file.json}. Both stay encrypted; no password is needed.
   */
  public BackupManifest download(EmailAddress address, Instant at, Path file)
      throws MailvaultException {
    return download(address, at, file, Transfer.NONE);
  }

  /** {@link #download(EmailAddress, Instant, Path)}, reporting the bytes as they arrive. */
  public BackupManifest download(EmailAddress address, Instant at, Path file, Transfer transfer)
      throws MailvaultException {
    BackupManifest manifest = choose(address, at);
    transfer.started(manifest.size());
    restore.download(manifest, file, transfer::moved);
    Path json = manifestBeside(file);
    try {
      Files.write(json, manifest.toJson());
    } catch (IOException e) {
      throw new BackupStorageException("cannot write " + json, e);
    }
    return manifest;
  }

  /** The alias's backup taken at {@code created}, as {@link #list} gives it; empty if none. */
  @Override
  public Optional<BackupManifest> find(EmailAddress address, Instant created)
      throws MailvaultException {
    return list(address).stream().filter(m -> m.created().equals(created)).findFirst();
  }

  /**
   * Copies a stored backup, still encrypted, to {@code out} (a web download), checking its length
   * and SHA-256 against the manifest as it goes. The last piece is held back until both match, so a
   * damaged or swapped object never arrives whole: the reader sees a short body and an error.
   * Nothing is written to disk on the way.
   *
   * @throws IOException when the target cannot be read, the object differs from its manifest, or
   *     {@code out} fails
   */
  @Override
  public void copyTo(BackupManifest manifest, OutputStream out) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
    byte[] held = new byte[COPY_PIECE];
    byte[] next = new byte[COPY_PIECE];
    int heldLength = 0;
    long total = 0;
    try (InputStream in = catalog.openObject(manifest)) {
      int n;
      while ((n = in.readNBytes(next, 0, next.length)) > 0) {
        if (heldLength > 0) {
          out.write(held, 0, heldLength);
        }
        digest.update(next, 0, n);
        total += n;
        if (total > manifest.size()) {
          throw new IOException("backup object is longer than its manifest says");
        }
        byte[] swap = held;
        held = next;
        next = swap;
        heldLength = n;
      }
    }
    if (total != manifest.size() || !MessageDigest.isEqual(digest.digest(), manifest.sha256())) {
      throw new IOException("backup object does not match its manifest's SHA-256");
    }
    if (heldLength > 0) {
      out.write(held, 0, heldLength);
    }
  }

  /**
   * Up to {@code length} bytes of a stored backup from {@code offset} on, still encrypted: a piece
   * of a download that crosses the cluster's RPC one bounded answer at a time (ADR 0286). Fewer
   * bytes at the end of the object, none past it; the reader checks the whole against the manifest.
   *
   * @throws NoBackupException when the vault has no backup taken at {@code created}
   */
  public byte[] read(String vaultId, Instant created, long offset, int length)
      throws MailvaultException {
    try {
      BackupManifest manifest = catalog.manifest(vaultId, created);
      if (offset >= manifest.size()) {
        return new byte[0];
      }
      // From the offset on: an S3 target asks for that range only, not the object again.
      try (InputStream in = catalog.openObject(manifest, offset)) {
        return in.readNBytes((int) Math.min(length, Math.max(0, manifest.size() - offset)));
      }
    } catch (NoSuchFileException e) {
      throw new NoBackupException("no backup taken at " + created);
    } catch (IOException e) {
      throw new BackupStorageException("backup target " + catalog.target().describe(), e);
    }
  }

  @Override
  public String describeTarget() {
    return catalog.target().describe();
  }

  @Override
  public Set<String> openVaultIds() {
    return new TreeSet<>(vaults.openVaultIds());
  }

  public static Path manifestBeside(Path file) {
    return file.resolveSibling(file.getFileName() + ".json");
  }

  /**
   * Restores the alias's vault from the chosen backup: downloads and checks it with the data key,
   * takes a safety backup of the current vault (stored unless unchanged; a damaged current vault
   * does not stop the restore), then swaps the file in. Sessions on the vault are ended.
   */
  public RestoreReport restore(EmailAddress address, Instant at, char[] password)
      throws MailvaultException {
    return restore(address, at, password, Transfer.NONE);
  }

  /** {@link #restore(EmailAddress, Instant, char[])}, reporting the download's bytes. */
  @Override
  public RestoreReport restore(EmailAddress address, Instant at, char[] password, Transfer transfer)
      throws MailvaultException {
    BackupManifest chosen = choose(address, at);
    try (UnlockedAlias alias = unlock(address, password)) {
      transfer.started(chosen.size());
      Path checked =
          alias.dataKey().apply(key -> restore.fetchChecked(chosen, key, transfer::moved));
      try {
        Optional<BackupResult> safety = Optional.empty();
        Usage before = Usage.NONE;
        if (vaults.exists(alias.vaultId())) {
          try (Vault current = openVault(alias)) {
            before = Usage.of(current);
            safety = Optional.of(backUp(current, address));
          } catch (MailvaultException | RuntimeException e) {
            safety = Optional.of(new BackupResult.Rejected(e.getMessage()));
          }
        }
        vaults.replace(alias.vaultId(), checked);
        try (Vault restored = openVault(alias)) {
          settleQuota(alias.vaultId(), before, Usage.of(restored));
        }
        return new RestoreReport(chosen, safety);
      } finally {
        Files.deleteIfExists(checked);
      }
    } catch (IOException e) {
      throw new BackupStorageException("cannot clean the staging directory", e);
    }
  }

  /**
   * The directory counts usage as mail is stored and removed (never by scanning); a restore changes
   * the vault at once, so the difference is given back or reserved. A restored vault over its quota
   * is kept and counted as far as the limits allow: the next appends are refused anyway.
   */
  private void settleQuota(String vaultId, Usage before, Usage after) throws MailvaultException {
    QuotaLedger ledger = directory.quotaLedger(vaultId);
    ledger.release(
        Math.max(0, before.bytes - after.bytes), Math.max(0, before.messages - after.messages));
    try {
      ledger.reserve(
          Math.max(0, after.bytes - before.bytes), Math.max(0, after.messages - before.messages));
    } catch (OverQuotaException e) {
      LOG.warn(
          "vault {} was restored over its quota; its usage is counted up to the limit", vaultId);
    }
  }

  /** Messages and bytes of a vault, as the quota counts them: the sum over its folders. */
  private record Usage(long bytes, long messages) {
    static final Usage NONE = new Usage(0, 0);

    static Usage of(Vault vault) throws MailvaultException {
      long bytes = 0;
      long messages = 0;
      for (FolderInfo folder : vault.listFolders()) {
        bytes += folder.size();
        messages += folder.messages();
      }
      return new Usage(bytes, messages);
    }
  }

  /** Hears how a backup's bytes move (for {@code Progress} on the terminal). */
  public interface Transfer {
    Transfer NONE =
        new Transfer() {
          @Override
          public void started(long totalBytes) {}

          @Override
          public void moved(long bytes) {}
        };

    void started(long totalBytes);

    void moved(long bytes);
  }

  /** What a restore did. */
  public record RestoreReport(BackupManifest restored, Optional<BackupResult> safety) {}

  private UnlockedAlias unlock(EmailAddress address, char[] password) throws MailvaultException {
    try {
      return directory.unlock(address.toString(), password);
    } catch (AuthenticationFailedException e) {
      throw new MailvaultException("wrong password (or the alias is disabled)");
    }
  }

  private Vault openVault(UnlockedAlias alias) throws MailvaultException {
    byte[] key = alias.dataKey().bytes();
    try {
      return vaults.open(alias.vaultId(), key, directory.quotaLedger(alias.vaultId()));
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }
}
