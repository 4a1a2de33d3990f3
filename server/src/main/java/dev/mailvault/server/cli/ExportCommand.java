package dev.mailvault.server.cli;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.store.export.ExportFormat;
import dev.mailvault.store.export.ExportReport;
import dev.mailvault.store.export.MailExport;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code mailvault export ADDRESS --format mbox|eml-zip|sqlite -o FILE}. */
@Command(
    mixinStandardHelpOptions = true,
    name = "export",
    description = {
      "Export a whole mailbox to one file: every folder, message, flag and date.",
      "mbox: one mboxrd file; eml-zip: a zip of .eml files with a manifest; sqlite: a"
          + " SQLite3MultipleCiphers file (cipher chacha20) keyed by the alias's password.",
      "The file is plaintext mail (sqlite: encrypted with the password) and is written only"
          + " where -o says."
    })
final class ExportCommand implements Callable<Integer> {

  @ParentCommand MailvaultCommand top;

  @Parameters(paramLabel = "ADDRESS", description = "The alias, e.g. hello@example.com.")
  String address;

  @Option(
      names = "--format",
      required = true,
      paramLabel = "FORMAT",
      description = "mbox, eml-zip or sqlite.")
  String format;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "FILE",
      description = "The file to write; it must not exist yet.")
  Path output;

  @Option(
      names = "--password-stdin",
      description = "Read the alias's password from standard input.")
  boolean passwordStdin;

  @Override
  public Integer call() throws Exception {
    EmailAddress parsed = EmailAddress.parse(address);
    ExportFormat chosen =
        ExportFormat.byName(format.toLowerCase(Locale.ROOT))
            .orElseThrow(
                () ->
                    new MailvaultException(
                        "unknown format '" + format + "'; use mbox, eml-zip or sqlite"));
    char[] password =
        new PasswordInput(passwordStdin, System.in).read("Password for " + parsed + ": ");
    ExportReport report;
    try (AdminSession admin = top.openAdmin();
        UnlockedMailbox mailbox = UnlockedMailbox.open(admin, parsed, password)) {
      Progress progress = Progress.onStderr("export");
      long[] totals = MailExport.totals(mailbox.vault());
      progress.total(totals[0], totals[1]);
      report =
          MailExport.export(
              mailbox.vault(),
              chosen,
              output,
              chosen == ExportFormat.SQLITE ? password : null,
              progress::add);
      progress.finish();
    } finally {
      Arrays.fill(password, '\0');
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("address", parsed.toString());
    data.put("format", chosen.cliName());
    data.put("file", report.file().toString());
    data.put("folders", report.folders());
    data.put("messages", report.messages());
    data.put("bytes", report.fileBytes());
    top.output()
        .result(
            String.format(
                Locale.ROOT,
                "exported %,d messages in %d folders of %s to %s (%s, %s)",
                report.messages(),
                report.folders(),
                parsed,
                report.file(),
                chosen.cliName(),
                Progress.size(report.fileBytes())),
            data);
    return 0;
  }
}
