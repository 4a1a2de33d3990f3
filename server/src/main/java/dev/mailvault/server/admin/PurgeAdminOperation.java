package dev.mailvault.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.directory.AliasInfo;
import dev.mailvault.directory.Directory;
import dev.mailvault.server.admin.AliasPurge.PurgeReport;
import dev.mailvault.store.VaultStore;
import dev.mailvault.store.backup.BackupTarget;
import dev.mailvault.store.spool.SpoolStore;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code purge} on the admin socket: a purge run by {@code serve} itself, which may hold the
 * alias's vault open (ADR 0133). The alias is disabled first (no login unlocks it and the MX
 * refuses its mail), its vault is closed under its sessions (they end with BYE), then {@link
 * AliasPurge} runs as it does from the CLI. If the purge fails before the alias is removed, the
 * alias is enabled again when it was enabled before, so a failed purge changes nothing a user sees.
 */
public final class PurgeAdminOperation {

  /** The operation's name on the admin socket. */
  public static final String NAME = "purge";

  private final Directory directory;
  private final VaultStore vaults;
  private final AliasPurge purge;

  private PurgeAdminOperation(
      Directory directory, VaultStore vaults, SpoolStore spool, BackupTarget backups) {
    this.directory = directory;
    this.vaults = vaults;
    this.purge = new AliasPurge(directory, vaults, spool, backups);
  }

  public static void register(
      AdminOperations registry,
      Directory directory,
      VaultStore vaults,
      SpoolStore spool,
      BackupTarget backups) {
    registry.register(NAME, new PurgeAdminOperation(directory, vaults, spool, backups)::run);
  }

  private Map<String, ?> run(JsonNode args, Consumer<String> progress) throws MailvaultException {
    EmailAddress address = EmailAddress.parse(args.path("address").asText(""));
    AliasInfo alias = purge.find(address);
    boolean wasEnabled = alias.enabled();
    directory.setEnabled(address, false);
    try {
      if (vaults.closeUnderUsers(alias.vaultId())) {
        progress.accept("closed the open vault; its sessions were ended");
      }
      PurgeReport report = purge.purge(address);
      return report.toMap();
    } catch (MailvaultException | RuntimeException e) {
      if (wasEnabled && directory.findAlias(address).isPresent()) {
        directory.setEnabled(address, true);
      }
      throw e;
    }
  }
}
