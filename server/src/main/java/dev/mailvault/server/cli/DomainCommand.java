package dev.mailvault.server.cli;

import dev.mailvault.core.address.DomainName;
import dev.mailvault.directory.DomainInfo;
import dev.mailvault.server.admin.AliasLifecycle.RemovalReport;
import dev.mailvault.server.app.DomainOperations;
import dev.mailvault.server.app.DomainOperations.CheckedRecord;
import dev.mailvault.server.dns.DomainRecords;
import dev.mailvault.server.dns.ZoneFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code mailvault domain add|list|remove|dns|catch-all|forward}. */
@Command(
    mixinStandardHelpOptions = true,
    name = "domain",
    description = "Manage the domains this server receives mail for.",
    subcommands = {
      DomainCommand.Add.class,
      DomainCommand.ListDomains.class,
      DomainCommand.Remove.class,
      DomainCommand.Dns.class,
      DomainRoutingCommands.CatchAll.class,
      DomainRoutingCommands.Forward.class
    })
final class DomainCommand extends GroupCommand {

  @ParentCommand MailvaultCommand top;

  @Command(
      mixinStandardHelpOptions = true,
      name = "add",
      description = "Add a domain, with its DKIM keys (Ed25519 and RSA-2048).")
  static final class Add implements Callable<Integer> {
    @ParentCommand DomainCommand parent;

    @Parameters(paramLabel = "DOMAIN", description = "e.g. example.com")
    String domain;

    @Override
    public Integer call() throws Exception {
      DomainName name = DomainName.parse(domain);
      try (AdminSession admin = parent.top.openAdmin()) {
        DomainInfo added = admin.domains().add(name);
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
            admin.domains().list().stream().map(DomainCommand::row).toList();
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
        List<RemovalReport> removed = admin.domains().remove(name, force);
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

  @Command(
      mixinStandardHelpOptions = true,
      name = "dns",
      description =
          "Print the DNS records a domain needs (MX, SPF, DKIM, DMARC, MTA-STS, TLS-RPT, SRV);"
              + " with --check, say which are missing or wrong.")
  static final class Dns implements Callable<Integer> {
    @ParentCommand DomainCommand parent;

    @Parameters(paramLabel = "DOMAIN")
    String domain;

    @Option(
        names = "--check",
        description =
            "Look each record up (through dns.resolvers) and print ok, missing or wrong; exit"
                + " status 1 unless all are ok.")
    boolean check;

    @Override
    public Integer call() throws Exception {
      DomainName name = DomainName.parse(domain);
      try (AdminSession admin = parent.top.openAdmin()) {
        DomainOperations domains = admin.domains();
        DomainRecords records = domains.records(name);
        return check ? check(domains.check(records)) : print(name, records);
      }
    }

    private int print(DomainName name, DomainRecords records) {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("domain", name.toString());
      data.put(
          "records",
          records.records().stream()
              .map(
                  r ->
                      Map.of(
                          "name", r.name(),
                          "type", r.typeName(),
                          "data", r.data(),
                          "comment", r.comment()))
              .toList());
      data.put("mtaStsPolicyUrl", records.mtaStsPolicyUrl());
      data.put("mtaStsPolicy", records.mtaStsPolicy());
      parent.top.output().result(ZoneFile.render(name.toString(), records).stripTrailing(), data);
      return 0;
    }

    private int check(List<CheckedRecord> checked) {
      List<Map<String, ?>> rows = new ArrayList<>();
      for (CheckedRecord c : checked) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", c.record().name());
        row.put("type", c.record().typeName());
        row.put("verdict", c.verdict().toString());
        rows.add(row);
      }
      parent.top.output().table(List.of("name", "type", "verdict"), rows, "no records");
      return checked.stream().allMatch(CheckedRecord::ok) ? 0 : 1;
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
