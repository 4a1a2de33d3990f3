package dev.mailvault.server.web;

import dev.mailvault.core.crypto.SecretBytes;
import dev.mailvault.server.admin.AliasLifecycle;
import dev.mailvault.server.app.AliasOperations;
import dev.mailvault.server.app.BackupOperations;
import dev.mailvault.server.app.DomainOperations;
import dev.mailvault.server.app.Lazy;
import dev.mailvault.server.app.QueueOperations;
import dev.mailvault.server.app.SessionOperations;
import dev.mailvault.server.dkim.DkimKeySealer;
import dev.mailvault.server.dkim.DomainDkim;
import dev.mailvault.server.dns.MailHost;

/**
 * The application layer (ADR 0260) over the running node's state: what the API and the console's
 * pages call, the same classes the CLI calls, so no operation is written twice.
 */
public record NodeOperations(
    DomainOperations domains,
    AliasOperations aliases,
    BackupOperations backups,
    QueueOperations queue,
    SessionOperations sessions) {

  /** The operations over {@code context}'s directory, vault files, backups and queue. */
  public static NodeOperations of(WebContext context) {
    AliasLifecycle lifecycle = new AliasLifecycle(context.directory(), context.vaultFiles());
    return new NodeOperations(
        new DomainOperations(
            context.directory(),
            lifecycle,
            new NodeDkim(context),
            () -> MailHost.from(context.settings()),
            context::dns,
            context.clock()),
        new AliasOperations(context.directory(), lifecycle),
        new BackupOperations(context.directory(), context.backups()),
        context.queue(),
        new SessionOperations(context.sessions()));
  }

  /**
   * The domains' DKIM keys, sealed under the node's outbound secret; the key is taken the first
   * time a domain is added and kept like the signing outbox's copy, for the node's lifetime.
   */
  private static final class NodeDkim implements Lazy<DomainDkim> {
    private final WebContext context;
    private DomainDkim dkim;

    NodeDkim(WebContext context) {
      this.context = context;
    }

    @Override
    public synchronized DomainDkim get() {
      if (dkim == null) {
        SecretBytes key = context.outboundKeys().dkimKey();
        dkim = new DomainDkim(context.directory(), new DkimKeySealer(key), context.clock());
      }
      return dkim;
    }
  }
}
