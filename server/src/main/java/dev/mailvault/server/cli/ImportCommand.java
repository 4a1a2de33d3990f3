package dev.mailvault.server.cli;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.store.importer.FileImport;
import dev.mailvault.store.importer.ImportReport;
import dev.mailvault.store.importer.ImportSource;
import dev.mailvault.store.importer.MailImport;
import dev.mailvault.store.importer.MessageSource;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mailvault import ADDRESS --from mbox|maildir|eml-dir|eml-zip PATH} and {@code mailvault
 * import ADDRESS --from imap[s]://user@host[:port]} ({@link ImportFromImap}). Resumable: a message
 * stored by an earlier run (finished or not) is not stored again (ADRs 0135, 0147).
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "import",
    description = {
      "Import mail into a mailbox, keeping folders, flags, keywords and dates.",
      "Sources: mbox (a file; Mailvault's own mbox export or mboxrd/mboxo from other software),"
          + " maildir (a Maildir++ directory), eml-dir (a directory of .eml files, subdirectories"
          + " as folders), eml-zip (Mailvault's eml-zip export, or any zip of .eml files),"
          + " imap://user@host[:port] (STARTTLS) or imaps://user@host[:port]: every folder of"
          + " another server's account.",
      "Running it again, or after an interruption, stores only what is not stored yet."
    })
final class ImportCommand implements Callable<Integer> {

  @ParentCommand MailvaultCommand top;

  @Parameters(
      index = "0",
      paramLabel = "ADDRESS",
      description = "The alias, e.g. hello@example.com.")
  String address;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "PATH",
      description = "The file or directory to read (not with imap:// sources).")
  Path path;

  @Option(
      names = "--from",
      required = true,
      paramLabel = "SOURCE",
      description =
          "mbox, maildir, eml-dir, eml-zip, or imap[s]://user@host[:port] (user name"
              + " %-encoded).")
  String from;

  @Option(
      names = "--folder",
      paramLabel = "NAME",
      defaultValue = "INBOX",
      description =
          "Where messages go that name no folder of their own (a foreign mbox, a Maildir's root,"
              + " .eml files at the top); default ${DEFAULT-VALUE}. File sources only.")
  String folder;

  @Option(
      names = "--password-stdin",
      description =
          "Read the alias's password from standard input (for imap:// sources, then the"
              + " source's password on the next line).")
  boolean passwordStdin;

  @Mixin ImapSourceOptions imap;

  @Override
  public Integer call() throws Exception {
    EmailAddress parsed = EmailAddress.parse(address);
    if (from.contains("://")) {
      if (path != null) {
        throw new MailvaultException("--from " + from + " names a server; give no PATH");
      }
      return new ImportFromImap(top, new PasswordInput(passwordStdin, System.in), System.err)
          .run(parsed, from, imap);
    }
    ImportSource source =
        ImportSource.byName(from.toLowerCase(Locale.ROOT))
            .orElseThrow(
                () ->
                    new MailvaultException(
                        "unknown source '"
                            + from
                            + "'; use mbox, maildir, eml-dir, eml-zip or imap[s]://user@host"));
    if (path == null) {
      throw new MailvaultException("--from " + source.cliName() + " needs the PATH to read");
    }
    // Open the source first: a missing or malformed file is reported before the password is asked.
    try (MessageSource messages = source.open(path, folder)) {
      PasswordInput input = new PasswordInput(passwordStdin, System.in);
      ImportReport report;
      try (AdminSession admin = top.openAdmin();
          UnlockedMailbox mailbox = UnlockedMailbox.open(admin, parsed, input)) {
        Progress progress = Progress.onStderr("import");
        progress.total(-1, messages.totalBytes());
        report = FileImport.run(messages, new MailImport(mailbox.vault()), progress::add);
        progress.finish();
        // the search index follows in batches; finish it here rather than after the first login
        mailbox.vault().indexTextNow();
      }
      print(parsed, source, report);
    }
    return 0;
  }

  private void print(EmailAddress parsed, ImportSource source, ImportReport report) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("address", parsed.toString());
    data.put("from", source.cliName());
    data.put("path", path.toString());
    data.put("added", report.added());
    data.put("skipped", report.skipped());
    top.output()
        .result(
            String.format(
                Locale.ROOT,
                "imported %,d messages into %s (%,d already there)",
                report.added(),
                parsed,
                report.skipped()),
            data);
  }
}
