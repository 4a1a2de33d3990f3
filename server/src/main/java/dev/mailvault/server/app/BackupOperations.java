package dev.mailvault.server.app;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.directory.AliasRoute;
import dev.mailvault.directory.AuthenticationFailedException;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.UnknownAliasException;
import dev.mailvault.directory.UnlockedAlias;
import dev.mailvault.server.backup.BackupService.RestoreReport;
import dev.mailvault.server.backup.BackupService.Transfer;
import dev.mailvault.store.backup.BackupManifest;
import dev.mailvault.store.backup.BackupResult;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Backups of one alias: list (with each backup's SHA-256), create, restore, and the encrypted bytes
 * of one backup for a download ({@code backup ...}, {@code /api/v1/aliases/{address}/backups}). A
 * wrong password is {@link WrongPasswordException}; a missing alias is {@link
 * UnknownAliasException}.
 */
public final class BackupOperations {

  private final Directory directory;
  private final AliasBackups backups;

  public BackupOperations(Directory directory, AliasBackups backups) {
    this.directory = directory;
    this.backups = backups;
  }

  /** The alias's backups, oldest first. */
  public List<BackupManifest> list(EmailAddress address) throws MailvaultException {
    requireAlias(address);
    return backups.list(address);
  }

  /**
   * Backs the alias up now: through the vault this process holds open when it does, else unlocked
   * with {@code password}.
   *
   * @param password null to use only an open vault
   * @throws PasswordRequiredException when the vault is not open and no password was given
   */
  public BackupResult create(EmailAddress address, char[] password) throws MailvaultException {
    requireAlias(address);
    Optional<BackupResult> open = backups.backUpIfOpen(address);
    if (open.isPresent()) {
      return open.get();
    }
    if (password == null) {
      throw new PasswordRequiredException("the vault is not open in the server; give its password");
    }
    checkPassword(address, password);
    return backups.backUpWithPassword(address, password);
  }

  /**
   * Backs up an alias already unlocked (a My account session holds its data key, not its password):
   * the open vault when there is one, else the vault opened with that key.
   */
  public BackupResult create(UnlockedAlias alias) throws MailvaultException {
    requireAlias(alias.address());
    return backups.backUpUnlocked(alias);
  }

  /**
   * Replaces the alias's vault with a backup (the newest, or the newest at or before {@code at}); a
   * safety backup is taken first and sessions on the vault end.
   */
  public RestoreReport restore(EmailAddress address, Instant at, char[] password, Transfer transfer)
      throws MailvaultException {
    requireAlias(address);
    checkPassword(address, password);
    return backups.restore(address, at, password, transfer);
  }

  /** The backup a download would send: the newest, or the newest at or before {@code at}. */
  public BackupManifest choose(EmailAddress address, Instant at) throws MailvaultException {
    BackupManifest chosen = null;
    for (BackupManifest m : list(address)) {
      if (at == null || !m.created().isAfter(at)) {
        chosen = m;
      }
    }
    if (chosen == null) {
      throw new NoBackupException(at == null ? "no backup yet" : "no backup at or before " + at);
    }
    return chosen;
  }

  /** Writes the backup's encrypted bytes, whose SHA-256 is the manifest's. */
  public void download(BackupManifest manifest, OutputStream out) throws IOException {
    backups.copyTo(manifest, out);
  }

  private void requireAlias(EmailAddress address) throws UnknownAliasException {
    Optional<AliasRoute> route = directory.findAlias(address);
    if (route.isEmpty()) {
      throw new UnknownAliasException("no such alias");
    }
  }

  /** The directory's own refusal for a wrong password, before any backup work starts. */
  private void checkPassword(EmailAddress address, char[] password) throws MailvaultException {
    try (UnlockedAlias unlocked = directory.unlock(address.toString(), password)) {
      // Only the check: the backup service unlocks again (the unlock cache makes it cheap).
    } catch (AuthenticationFailedException e) {
      throw new WrongPasswordException();
    }
  }
}
