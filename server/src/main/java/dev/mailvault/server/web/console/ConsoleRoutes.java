package dev.mailvault.server.web.console;

import dev.mailvault.server.web.NodeOperations;
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
    // The same application layer as the CLI and the API (ADR 0260).
    NodeOperations operations = NodeOperations.of(context);
    DomainsPage.register(routes, context, operations, gate, new DnsStatus());
    AliasesPage.register(routes, context, operations, gate);
    BackupsPage.register(routes, context, operations, gate);
    QueuePage.register(routes, context, gate);
  }
}
