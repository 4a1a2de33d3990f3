package dev.mailvault.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.directory.AliasInfo;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.UnknownAliasException;
import dev.mailvault.store.VaultStore;
import dev.mailvault.store.backup.BackupTarget;
import dev.mailvault.store.spool.SpoolStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Purges an alias for good (DESIGN §1.5): every backup of its vault, then the alias itself with its
 * keys, vault and spool ({@link AliasLifecycle#remove}).
 *
 * <p>Backups go first (ADR 0132): while the alias exists its vault id can be found, so a purge
 * interrupted anywhere (a crash, an unreachable bucket) leaves something a second purge finishes,
 * never backups nobody can name any more. The caller makes sure no running server holds the vault
 * open ({@code PurgeCommand}), or runs this inside that server after closing it ({@link
 * PurgeAdminOperation}).
 */
public final class AliasPurge {

  private static final String[] VAULT_FILE_SUFFIXES = {"", "-wal", "-shm"};

  private final Directory directory;
  private final VaultStore vaults;
  private final SpoolStore spool;
  private final BackupTarget backups;
  private final AliasLifecycle aliases;

  public AliasPurge(
      Directory directory, VaultStore vaults, SpoolStore spool, BackupTarget backups) {
    this.directory = directory;
    this.vaults = vaults;
    this.spool = spool;
    this.backups = backups;
    this.aliases = new AliasLifecycle(directory, vaults, spool);
  }

  /** The alias {@code address}, enabled or not; {@code no such alias} when there is none. */
  public AliasInfo find(EmailAddress address) throws MailvaultException {
    return directory.listAliases(address.domain()).stream()
        .filter(info -> info.address().canonical().equals(address.canonical()))
        .findFirst()
        .orElseThrow(() -> new UnknownAliasException("no such alias"));
  }

  /** Removes every backup of the alias's vault, then the alias, its vault and its spool. */
  public PurgeReport purge(EmailAddress address) throws MailvaultException {
    String vaultId = find(address).vaultId();
    long vaultBytes = vaultBytes(vaultId);
    int spoolItems = spoolItems(vaultId);
    int backupObjects = deleteBackups(vaultId);
    aliases.remove(address);
    return new PurgeReport(address, vaultBytes, spoolItems, backupObjects, backups.describe());
  }

  private long vaultBytes(String vaultId) throws MailvaultException {
    Path file = vaults.fileOf(vaultId);
    long bytes = 0;
    try {
      for (String suffix : VAULT_FILE_SUFFIXES) {
        Path part = file.resolveSibling(file.getFileName() + suffix);
        if (Files.exists(part)) {
          bytes += Files.size(part);
        }
      }
    } catch (IOException e) {
      throw new MailvaultException("cannot read the vault's size: " + e.getMessage(), e);
    }
    return bytes;
  }

  private int spoolItems(String vaultId) throws MailvaultException {
    try {
      return spool.list(vaultId).size();
    } catch (IOException e) {
      throw new MailvaultException("cannot read the spool: " + e.getMessage(), e);
    }
  }

  /** Deletes every object under {@code <vault id>/}; returns how many there were. */
  private int deleteBackups(String vaultId) throws MailvaultException {
    String prefix = vaultId + "/";
    try {
      List<String> keys = backups.list(prefix);
      for (String key : keys) {
        backups.delete(key);
      }
      if (!backups.list(prefix).isEmpty()) {
        // A backup was written meanwhile: the caller let a running server keep the vault.
        throw new MailvaultException(
            "a backup of this vault appeared while purging; nothing else was removed, run purge"
                + " again");
      }
      return keys.size();
    } catch (IOException e) {
      throw new MailvaultException("cannot remove the backups: " + e.getMessage(), e);
    }
  }

  /**
   * What a purge removed.
   *
   * @param vaultBytes the vault's size on disk (with its write-ahead log)
   * @param spoolItems sealed messages that were waiting in its spool
   * @param backupObjects backup objects (vault copies and manifests) deleted from the target
   * @param backupTarget where the backups were, as the target describes itself
   */
  public record PurgeReport(
      EmailAddress address,
      long vaultBytes,
      int spoolItems,
      int backupObjects,
      String backupTarget) {

    /** The report as {@code --json} prints it and the admin socket carries it. */
    public Map<String, Object> toMap() {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("address", address.toString());
      data.put("vaultBytes", vaultBytes);
      data.put("spoolItems", spoolItems);
      data.put("backupObjects", backupObjects);
      data.put("backupTarget", backupTarget);
      return data;
    }

    /** A report read back from {@link #toMap()}'s JSON form. */
    public static PurgeReport fromJson(JsonNode json) throws MailvaultException {
      return new PurgeReport(
          EmailAddress.parse(json.path("address").asText("")),
          json.path("vaultBytes").asLong(),
          json.path("spoolItems").asInt(),
          json.path("backupObjects").asInt(),
          json.path("backupTarget").asText(""));
    }
  }
}
