package dev.mailvault.server.cli;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.error.MailvaultException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mailvault import ADDRESS --from SOURCE}: copies mail into an alias's vault. This branch
 * knows the IMAP source ({@link ImportFromImap}); the file formats (mbox, Maildir, .eml) join here.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description =
        "Import mail into an alias's mailbox. --from imap://user@host[:port] (STARTTLS) or"
            + " imaps://user@host[:port] copies every folder, message, flag and date from another"
            + " server; run it again to resume or to fetch what is new: nothing is copied twice.")
final class ImportCommand implements Callable<Integer> {

  @ParentCommand MailvaultCommand top;

  @Parameters(index = "0", paramLabel = "ADDRESS", description = "The alias to import into.")
  String address;

  @Option(
      names = "--from",
      required = true,
      paramLabel = "SOURCE",
      description = "imap://user@host[:port] or imaps://user@host[:port] (user name %-encoded).")
  String from;

  @Option(
      names = "--password-stdin",
      description =
          "Read passwords from standard input, one per line: the alias's, then the source's.")
  boolean passwordStdin;

  @Mixin ImapSourceOptions imap;

  @Override
  public Integer call() throws MailvaultException {
    EmailAddress parsed = EmailAddress.parse(address);
    if (!from.contains("://")) {
      throw new MailvaultException(
          "unknown source '" + from + "': expected imap://user@host or imaps://user@host");
    }
    return new ImportFromImap(top, new PasswordInput(passwordStdin, System.in), System.err)
        .run(parsed, from, imap);
  }
}
