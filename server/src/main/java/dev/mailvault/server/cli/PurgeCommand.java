package dev.mailvault.server.cli;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.server.admin.AliasPurge;
import dev.mailvault.server.admin.AliasPurge.PurgeReport;
import dev.mailvault.server.admin.RunningServerProbe;
import dev.mailvault.server.backup.BackupTargets;
import dev.mailvault.server.config.Settings;
import dev.mailvault.store.backup.BackupTarget;
import dev.mailvault.store.spool.SpoolStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mailvault purge ADDRESS}: the alias, its vault, its spool and every backup of it, gone for
 * good. The operator's command: no password, a confirmation instead.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "purge",
    description = {
      "Remove an alias for good: its vault, its spool, every backup of it in the configured backup"
          + " target, and the alias with its keys.",
      "Nothing can bring the mail back afterwards. Stop the server first."
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
    if (RunningServerProbe.serverRunning(settings.dataDir())) {
      throw new MailvaultException(
          "a server is running on this data directory; stop it, then purge (nothing removed)");
    }
    try (AdminSession admin = top.openAdmin();
        BackupTarget backups = BackupTargets.open(admin.layout, settings)) {
      AliasPurge purge =
          new AliasPurge(
              admin.directory, admin.vaults, new SpoolStore(admin.layout.spool()), backups);
      // Checked before asking, so a typo is reported rather than confirmed.
      purge.vaultIdOf(parsed);
      if (!yes
          && !PasswordInput.confirm(
              "Remove "
                  + parsed
                  + ", its mail, its spool and every backup of it in "
                  + backups.describe()
                  + " for good?")) {
        throw new MailvaultException("not confirmed; nothing removed (use --yes in scripts)");
      }
      PurgeReport report = purge.purge(parsed);
      top.output().result(describe(report), data(report));
    }
    return 0;
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

  static Map<String, ?> data(PurgeReport report) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("address", report.address().toString());
    data.put("vaultBytes", report.vaultBytes());
    data.put("spoolItems", report.spoolItems());
    data.put("backupObjects", report.backupObjects());
    data.put("backupTarget", report.backupTarget());
    return data;
  }
}
