package dev.mailvault.server.cli;

import dev.mailvault.core.address.DomainName;
import dev.mailvault.directory.DkimKeyRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code mailvault dkim list|rotate}: the domains' DKIM keys (ADR 0207); never their bytes. */
@Command(
    mixinStandardHelpOptions = true,
    name = "dkim",
    description = "Manage the domains' DKIM signing keys.",
    subcommands = {DkimCommand.ListKeys.class, DkimCommand.Rotate.class})
final class DkimCommand extends GroupCommand {

  @ParentCommand MailvaultCommand top;

  @Command(
      mixinStandardHelpOptions = true,
      name = "list",
      description = "List a domain's DKIM selectors, algorithms and states.")
  static final class ListKeys implements Callable<Integer> {
    @ParentCommand DkimCommand parent;

    @Parameters(paramLabel = "DOMAIN")
    String domain;

    @Override
    public Integer call() throws Exception {
      DomainName name = DomainName.parse(domain);
      try (AdminSession admin = parent.top.openAdmin()) {
        List<Map<String, ?>> rows =
            admin.directory.dkimKeys(name).stream().map(DkimCommand::row).toList();
        parent
            .top
            .output()
            .table(
                List.of("selector", "algorithm", "state", "created", "retired"),
                rows,
                "no DKIM keys");
      }
      return 0;
    }
  }

  @Command(
      mixinStandardHelpOptions = true,
      name = "rotate",
      description =
          "Make a new Ed25519 and RSA-2048 key pair for a domain and retire the current one"
              + " (still published for 14 days).")
  static final class Rotate implements Callable<Integer> {
    @ParentCommand DkimCommand parent;

    @Parameters(paramLabel = "DOMAIN")
    String domain;

    @Override
    public Integer call() throws Exception {
      DomainName name = DomainName.parse(domain);
      try (AdminSession admin = parent.top.openAdmin()) {
        List<DkimKeyRecord> fresh = admin.dkim().rotate(name);
        List<String> selectors = fresh.stream().map(DkimKeyRecord::selector).toList();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("domain", name.toString());
        data.put("selectors", selectors);
        parent
            .top
            .output()
            .result(
                "new DKIM selectors for "
                    + name
                    + ": "
                    + String.join(", ", selectors)
                    + System.lineSeparator()
                    + "publish their records: ./mailvault domain dns "
                    + name,
                data);
      }
      return 0;
    }
  }

  private static Map<String, ?> row(DkimKeyRecord key) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("selector", key.selector());
    row.put("algorithm", key.algorithm());
    row.put("state", key.state().name().toLowerCase(Locale.ROOT));
    row.put("created", key.created().toString());
    row.put("retired", key.retired().map(Instant::toString).orElse("-"));
    return row;
  }
}
