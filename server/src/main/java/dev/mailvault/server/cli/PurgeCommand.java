package dev.mailvault.server.cli;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.server.DataLayout;
import dev.mailvault.server.admin.AdminClient;
import dev.mailvault.server.admin.AliasPurge;
import dev.mailvault.server.admin.AliasPurge.PurgeReport;
import dev.mailvault.server.admin.PurgeAdminOperation;
import dev.mailvault.server.backup.BackupTargets;
import dev.mailvault.server.config.Settings;
import dev.mailvault.store.backup.BackupTarget;
import dev.mailvault.store.spool.SpoolStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mailvault purge ADDRESS}: the alias, its vault, its spool and every backup of it, gone for
 * good. The operator's command: no password, a confirmation instead. When {@code serve} runs on the
 * data directory the server purges (it may hold the vault open); otherwise this process does.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "purge",
    description = {
      "Remove an alias for good: every backup of it in the configured backup target, its vault,"
          + " its spool, and the alias with its keys.",
      "Nothing can bring the mail back afterwards. A running server ends the alias's sessions"
          + " first."
    })
final class PurgeCommand implements Callable<Integer> {

  @ParentCommand MailvaultCommand top;

  @Parameters(paramLabel = "ADDRESS", description = "e.g. hello@example.com")
  String address;

  @Option(names = "--yes", description = "Do not ask for confirmation (for scripts).")
  boolean yes;

  @Override
  public Integer call() throws Exception {
    EmailAddress parsed = EmailAddress.parse(address);
    Settings settings = top.settings(Map.of());
    Optional<AdminClient> server =
        AdminClient.ifRunning(new DataLayout(settings.dataDir()).adminSocket());
    Output out = top.output();
    try (AdminSession admin = top.openAdmin();
        BackupTarget backups = BackupTargets.open(admin.layout, settings)) {
      AliasPurge purge =
          new AliasPurge(
              admin.directory, admin.vaults, new SpoolStore(admin.layout.spool()), backups);
      // Checked before asking, so a typo is reported rather than confirmed.
      purge.find(parsed);
      confirm(parsed, backups);
      PurgeReport report;
      if (server.isPresent()) {
        report =
            PurgeReport.fromJson(
                server
                    .get()
                    .call(
                        PurgeAdminOperation.NAME,
                        Map.of("address", parsed.toString()),
                        line -> {
                          if (!out.json()) {
                            System.out.println(line);
                          }
                        }));
      } else {
        report = purge.purge(parsed);
      }
      out.result(describe(report), report.toMap());
    }
    return 0;
  }

  private void confirm(EmailAddress parsed, BackupTarget backups) throws MailvaultException {
    if (!yes
        && !PasswordInput.confirm(
            "Remove "
                + parsed
                + ", its mail, its spool and every backup of it in "
                + backups.describe()
                + " for good?")) {
      throw new MailvaultException("not confirmed; nothing removed (use --yes in scripts)");
    }
  }

  static String describe(PurgeReport report) {
    String nl = System.lineSeparator();
    return "purged "
        + report.address()
        + nl
        + "  vault: "
        + report.vaultBytes()
        + " bytes"
        + nl
        + "  spool: "
        + report.spoolItems()
        + (report.spoolItems() == 1 ? " item" : " items")
        + nl
        + "  backups: "
        + report.backupObjects()
        + (report.backupObjects() == 1 ? " object" : " objects")
        + " in "
        + report.backupTarget()
        + nl
        + "  alias and keys: removed";
  }
}
