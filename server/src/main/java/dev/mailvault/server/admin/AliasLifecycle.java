package dev.mailvault.server.admin;

import dev.mailvault.core.address.DomainName;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.directory.AliasInfo;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.NewAlias;
import dev.mailvault.directory.RemovedAlias;
import dev.mailvault.directory.RemovedDomain;
import dev.mailvault.directory.ResetAlias;
import dev.mailvault.server.app.VaultFiles;
import dev.mailvault.store.VaultStore;
import dev.mailvault.store.spool.SpoolStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Changes that span the directory and the vault files: an alias is a directory entry plus a vault
 * plus a spool, and they are created and removed together.
 *
 * <p>Order matters for crashes. Creating: the directory entry first (it generates the vault id and
 * key), then the vault; if the vault cannot be created the entry is removed again. Removing: the
 * directory entry (and with it the only copies of the wrapped keys) first, then the files, which
 * nobody can open any more even if deleting them fails.
 *
 * <p>The files are this node's or, on a cluster's front-end, the vault's primary's ({@link
 * VaultFiles}, ADR 0286).
 */
public final class AliasLifecycle {

  private final Directory directory;
  private final VaultFiles files;

  public AliasLifecycle(Directory directory, VaultFiles files) {
    this.directory = directory;
    this.files = files;
  }

  /** Over this node's own vaults and spool. */
  public AliasLifecycle(Directory directory, VaultStore vaults, SpoolStore spool) {
    this(directory, VaultFiles.local(directory, vaults, spool));
  }

  /**
   * Creates an alias and its empty vault (with the default folders). The result holds the generated
   * password when {@code password} is null.
   */
  public NewAlias create(EmailAddress address, char[] password) throws MailvaultException {
    NewAlias alias =
        password == null ? directory.addAlias(address) : directory.addAlias(address, password);
    try {
      createVault(alias);
      return alias;
    } catch (MailvaultException | RuntimeException e) {
      alias.close();
      directory.removeAlias(address);
      throw e;
    }
  }

  /** Removes an alias: its keys, its vault and its spool. */
  public RemovalReport remove(EmailAddress address) throws MailvaultException {
    Optional<AliasInfo> info = listed(address);
    // The directory raises the precise error when the alias does not exist.
    RemovedAlias removed = directory.removeAlias(address);
    return new RemovalReport(removed.address(), info, deleteFiles(removed.vaultId()));
  }

  /**
   * Resets a forgotten password: the old vault and spool are discarded (nothing can open them
   * without the old password) and a new empty vault is created.
   */
  public ResetAlias reset(EmailAddress address, char[] newPassword) throws MailvaultException {
    ResetAlias reset =
        newPassword == null
            ? directory.resetPassword(address)
            : directory.resetPassword(address, newPassword);
    deleteFiles(reset.discardedVaultId());
    createVault(reset.alias());
    return reset;
  }

  /** Removes a domain; with {@code force}, its aliases with their vaults and spools too. */
  public List<RemovalReport> removeDomain(DomainName domain, boolean force)
      throws MailvaultException {
    List<AliasInfo> listed = directory.listAliases(domain);
    RemovedDomain removed = directory.removeDomain(domain, force);
    List<RemovalReport> reports = new ArrayList<>();
    for (RemovedAlias alias : removed.aliases()) {
      Optional<AliasInfo> info =
          listed.stream().filter(a -> a.vaultId().equals(alias.vaultId())).findFirst();
      reports.add(new RemovalReport(alias.address(), info, deleteFiles(alias.vaultId())));
    }
    return reports;
  }

  /** The alias as listed before it goes (for the report); empty if it is not there. */
  private Optional<AliasInfo> listed(EmailAddress address) throws MailvaultException {
    return directory.listAliases(address.domain()).stream()
        .filter(info -> info.address().canonical().equals(address.canonical()))
        .findFirst();
  }

  private void createVault(NewAlias alias) throws MailvaultException {
    files.create(alias.vaultId(), alias.dataKey());
  }

  private List<Path> deleteFiles(String vaultId) throws MailvaultException {
    return files.delete(vaultId);
  }

  /** What was removed for one alias. */
  public record RemovalReport(
      EmailAddress address, Optional<AliasInfo> listed, List<Path> deletedFiles) {}
}
