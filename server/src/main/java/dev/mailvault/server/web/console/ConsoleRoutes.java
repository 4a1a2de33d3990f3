package dev.mailvault.server.web.console;

import dev.mailvault.server.web.Routes;
import dev.mailvault.server.web.WebContext;

/**
 * The admin console's data pages (issue 17): domains with their DNS status, aliases with usage and
 * the generated password shown once, backups per alias with download, and the outbound queue. Each
 * answers only behind {@link AdminGate}.
 */
public final class ConsoleRoutes {

  private ConsoleRoutes() {}

  public static void register(Routes routes, WebContext context) {
    AdminGate gate = new AdminGate(context);
    DomainsPage.register(routes, context, gate, new DnsStatus());
    AliasesPage.register(routes, context, gate);
    BackupsPage.register(routes, context, gate);
    QueuePage.register(routes, context, gate);
  }
}
