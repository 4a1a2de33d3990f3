package dev.mailvault.server.app;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.error.MailvaultException;
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
import java.util.Set;

/**
 * The backups of aliases as the application layer and the web pages reach them, wherever the vaults
 * are: in this process ({@link dev.mailvault.server.backup.BackupService}) or on a cluster's
 * primaries, for a front-end (ADR 0286). An unknown alias is {@link
 * dev.mailvault.directory.UnknownAliasException} or the service's own refusal; callers check the
 * alias first ({@link BackupOperations}).
 */
public interface AliasBackups {

  /** Every backup of the alias's vault, oldest first. */
  List<BackupManifest> list(EmailAddress address) throws MailvaultException;

  /** The alias's backup taken at {@code created}, as {@link #list} gives it; empty if none. */
  Optional<BackupManifest> find(EmailAddress address, Instant created) throws MailvaultException;

  /** Backs up the alias's vault if it is open in the server now; empty otherwise. */
  Optional<BackupResult> backUpIfOpen(EmailAddress address) throws MailvaultException;

  /** Backs up the alias's vault, unlocking it with its password. */
  BackupResult backUpWithPassword(EmailAddress address, char[] password) throws MailvaultException;

  /** Backs up the vault of an alias already unlocked (a My account session's); no password. */
  BackupResult backUpUnlocked(UnlockedAlias alias) throws MailvaultException;

  /**
   * Replaces the alias's vault with its newest backup, or the newest at or before {@code at}, after
   * a safety backup of the current vault.
   */
  RestoreReport restore(EmailAddress address, Instant at, char[] password, Transfer transfer)
      throws MailvaultException;

  /**
   * Writes a stored backup's bytes, still encrypted, to {@code out}; the last piece is held back
   * until length and SHA-256 match the manifest, so a damaged object never arrives whole.
   */
  void copyTo(BackupManifest manifest, OutputStream out) throws IOException;

  /** Where the backups are kept, for people (a path, {@code s3://bucket/prefix}). */
  String describeTarget() throws MailvaultException;

  /** The ids of the vaults held open in the server now (a session is on them). */
  Set<String> openVaultIds() throws MailvaultException;
}
