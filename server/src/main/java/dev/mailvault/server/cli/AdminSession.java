package dev.mailvault.server.cli;

import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.directory.Directory;
import dev.mailvault.server.DataLayout;
import dev.mailvault.server.Directories;
import dev.mailvault.server.Vaults;
import dev.mailvault.server.admin.AliasLifecycle;
import dev.mailvault.server.config.Settings;
import dev.mailvault.store.VaultStore;
import dev.mailvault.store.spool.SpoolStore;

/** The directory and vault store opened for one administrative command, closed after it. */
final class AdminSession implements AutoCloseable {

  final DataLayout layout;
  final Directory directory;
  final VaultStore vaults;
  final AliasLifecycle aliases;

  private AdminSession(DataLayout layout, Directory directory, VaultStore vaults) {
    this.layout = layout;
    this.directory = directory;
    this.vaults = vaults;
    this.aliases = new AliasLifecycle(directory, vaults, new SpoolStore(layout.spool()));
  }

  static AdminSession open(Settings settings) throws MailvaultException {
    DataLayout layout = DataLayout.open(settings.dataDir());
    Directory directory = Directories.open(layout, settings);
    try {
      return new AdminSession(layout, directory, Vaults.open(layout, settings));
    } catch (MailvaultException | RuntimeException e) {
      directory.close();
      throw e;
    }
  }

  @Override
  public void close() {
    vaults.close();
    directory.close();
  }
}
