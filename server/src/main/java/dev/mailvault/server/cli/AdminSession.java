package dev.mailvault.server.cli;

import dev.mailvault.core.crypto.SecretBytes;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.directory.Directory;
import dev.mailvault.server.DataLayout;
import dev.mailvault.server.Directories;
import dev.mailvault.server.OutboundKeys;
import dev.mailvault.server.Vaults;
import dev.mailvault.server.admin.AliasLifecycle;
import dev.mailvault.server.app.AliasOperations;
import dev.mailvault.server.app.DomainOperations;
import dev.mailvault.server.config.ConfigException;
import dev.mailvault.server.config.Settings;
import dev.mailvault.server.dkim.DkimKeySealer;
import dev.mailvault.server.dkim.DomainDkim;
import dev.mailvault.server.dns.DnsResolvers;
import dev.mailvault.server.dns.MailHost;
import dev.mailvault.store.VaultStore;
import dev.mailvault.store.spool.SpoolStore;
import java.time.Clock;
import java.util.Optional;

/** The directory and vault store opened for one administrative command, closed after it. */
final class AdminSession implements AutoCloseable {

  final DataLayout layout;
  final Directory directory;
  final VaultStore vaults;
  final AliasLifecycle aliases;
  private final Settings settings;
  private OutboundKeys outboundKeys;
  private SecretBytes dkimKey;

  private AdminSession(
      DataLayout layout, Directory directory, VaultStore vaults, Settings settings) {
    this.layout = layout;
    this.directory = directory;
    this.vaults = vaults;
    this.settings = settings;
    this.aliases = new AliasLifecycle(directory, vaults, new SpoolStore(layout.spool()));
  }

  /**
   * The domains' DKIM keys, sealed under the node's outbound secret, which is read (or made, the
   * first time) only by the commands that need it.
   */
  DomainDkim dkim() throws ConfigException {
    if (outboundKeys == null) {
      outboundKeys =
          OutboundKeys.openOrCreate(
              layout.outboundKey(), layout.root(), Optional.ofNullable(settings.serverKeyFile()));
      dkimKey = outboundKeys.dkimKey();
    }
    return new DomainDkim(directory, new DkimKeySealer(dkimKey), Clock.systemUTC());
  }

  /** Domains through the application layer (DKIM keys and a DNS client made when needed). */
  DomainOperations domains() {
    return new DomainOperations(
        directory,
        aliases,
        this::dkim,
        () -> MailHost.from(settings),
        () -> DnsResolvers.client(settings),
        Clock.systemUTC());
  }

  /** Aliases through the application layer. */
  AliasOperations aliasOperations() {
    return new AliasOperations(directory, aliases);
  }

  static AdminSession open(Settings settings) throws MailvaultException {
    DataLayout layout = DataLayout.open(settings);
    Directory directory = Directories.open(layout, settings);
    try {
      return new AdminSession(layout, directory, Vaults.open(layout, settings), settings);
    } catch (MailvaultException | RuntimeException e) {
      directory.close();
      throw e;
    }
  }

  @Override
  public void close() {
    if (outboundKeys != null) {
      dkimKey.destroy();
      outboundKeys.close();
    }
    vaults.close();
    directory.close();
  }
}
