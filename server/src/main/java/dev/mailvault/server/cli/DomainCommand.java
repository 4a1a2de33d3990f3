package dev.mailvault.server.cli;

import dev.mailvault.core.address.DomainName;
import dev.mailvault.directory.DomainInfo;
import dev.mailvault.server.admin.AliasLifecycle.RemovalReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code mailvault domain add|list|remove}. */
@Command(
    mixinStandardHelpOptions = true,
    name = "domain",
    description = "Manage the domains this server receives mail for.",
    subcommands = {
      DomainCommand.Add.class,
      DomainCommand.ListDomains.class,
      DomainCommand.Remove.class
    })
final class DomainCommand extends GroupCommand {

  @ParentCommand MailvaultCommand top;

  @Command(mixinStandardHelpOptions = true, name = "add", description = "Add a domain.")
  static final class Add implements Callable<Integer> {
    @ParentCommand DomainCommand parent;

    @Parameters(paramLabel = "DOMAIN", description = "e.g. example.com")
    String domain;

    @Override
    public Integer call() throws Exception {
      DomainName name = DomainName.parse(domain);
      try (AdminSession admin = parent.top.openAdmin()) {
        DomainInfo added = admin.directory.addDomain(name);
        parent
            .top
            .output()
            .result("added domain " + added.name(), Map.of("domain", added.name().toString()));
      }
      return 0;
    }
  }

  @Command(mixinStandardHelpOptions = true, name = "list", description = "List the domains.")
  static final class ListDomains implements Callable<Integer> {
    @ParentCommand DomainCommand parent;

    @Override
    public Integer call() throws Exception {
      try (AdminSession admin = parent.top.openAdmin()) {
        List<Map<String, ?>> rows =
            admin.directory.listDomains().stream().map(DomainCommand::row).toList();
        parent
            .top
            .output()
            .table(
                List.of("domain", "aliases", "messages", "bytes", "created"), rows, "no domains");
      }
      return 0;
    }
  }

  @Command(
      mixinStandardHelpOptions = true,
      name = "remove",
      description = "Remove a domain (with --force, also its aliases and their mail).")
  static final class Remove implements Callable<Integer> {
    @ParentCommand DomainCommand parent;

    @Parameters(paramLabel = "DOMAIN")
    String domain;

    @Option(
        names = "--force",
        description = "Also remove every alias of the domain, with its mail.")
    boolean force;

    @Override
    public Integer call() throws Exception {
      DomainName name = DomainName.parse(domain);
      try (AdminSession admin = parent.top.openAdmin()) {
        List<RemovalReport> removed = admin.aliases.removeDomain(name, force);
        StringBuilder human = new StringBuilder("removed domain " + name);
        for (RemovalReport r : removed) {
          human.append(System.lineSeparator()).append(AliasCommand.describe(r));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("domain", name.toString());
        data.put("aliases", removed.stream().map(AliasCommand::data).toList());
        parent.top.output().result(human.toString(), data);
      }
      return 0;
    }
  }

  private static Map<String, ?> row(DomainInfo d) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("domain", d.name().toString());
    row.put("aliases", d.aliasCount());
    row.put("messages", d.usage().messages());
    row.put("bytes", d.usage().bytes());
    row.put("created", d.created().toString());
    return row;
  }
}
