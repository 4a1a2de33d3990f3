package dev.mailvault.server.cli;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.directory.AuthenticationFailedException;
import dev.mailvault.directory.UnlockedAlias;
import dev.mailvault.server.imapimport.ImapImport;
import dev.mailvault.server.imapimport.ImapImportListener;
import dev.mailvault.server.imapimport.ImapImportReport;
import dev.mailvault.server.imapimport.ImapSourceAddress;
import dev.mailvault.server.imapimport.ImapSourceSession;
import dev.mailvault.store.Vault;
import dev.mailvault.store.importer.MailImport;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code import ADDRESS --from imap[s]://user@host[:port]}: asks for the alias password, then the
 * source's (or reads both from standard input, in that order), unlocks the vault and copies the
 * account into it (ADRs 0145-0147).
 */
final class ImportFromImap {

  private final MailvaultCommand top;
  private final PasswordInput passwords;
  private final PrintStream err;

  ImportFromImap(MailvaultCommand top, PasswordInput passwords, PrintStream err) {
    this.top = top;
    this.passwords = passwords;
    this.err = err;
  }

  int run(EmailAddress address, String url, ImapSourceOptions options) throws MailvaultException {
    ImapSourceAddress source = ImapSourceAddress.parse(url);
    if (options.trustAnyCertificate) {
      err.println(
          "warning: --trust-any-certificate: the source's certificate is not checked; anyone on"
              + " the path could read the password and the mail");
    }
    char[] aliasPassword = passwords.read("Password for " + address + ": ");
    char[] sourcePassword = null;
    try (AdminSession admin = top.openAdmin()) {
      try (UnlockedAlias alias = unlock(admin, address, aliasPassword)) {
        sourcePassword = passwords.read("Password for " + source + ": ");
        try (ImapSourceSession session =
                ImapSourceSession.connect(source, sourcePassword, options.security());
            Vault vault =
                alias
                    .dataKey()
                    .apply(
                        key ->
                            admin.vaults.open(
                                alias.vaultId(),
                                key,
                                admin.directory.quotaLedger(alias.vaultId())))) {
          Progress progress = top.json ? Progress.silent("import") : Progress.onStderr("import");
          ImapImportReport report =
              new ImapImport(session, source, vault, new MailImport(vault), listener(progress))
                  .run();
          progress.finish();
          print(address, source, report);
          return 0;
        }
      }
    } finally {
      Arrays.fill(aliasPassword, '\0');
      if (sourcePassword != null) {
        Arrays.fill(sourcePassword, '\0');
      }
    }
  }

  private static UnlockedAlias unlock(AdminSession admin, EmailAddress address, char[] password)
      throws MailvaultException {
    try {
      return admin.directory.unlock(address.toString(), password);
    } catch (AuthenticationFailedException e) {
      throw new MailvaultException("wrong password (or no such alias)", e);
    }
  }

  private static ImapImportListener listener(Progress progress) {
    return new ImapImportListener() {
      @Override
      public void planned(long messages, long bytes) {
        progress.total(messages, bytes);
      }

      @Override
      public void done(long messages, long bytes) {
        progress.add(messages, bytes);
      }
    };
  }

  private void print(EmailAddress address, ImapSourceAddress source, ImapImportReport report) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("address", address.toString());
    data.put("source", source.toString());
    data.put("folders", report.folders());
    data.put("added", report.added());
    data.put("alreadyImported", report.alreadyImported());
    data.put("alreadyPresent", report.alreadyPresent());
    data.put("vanished", report.vanished());
    data.put("bytes", report.bytes());
    data.put("droppedKeywords", report.droppedKeywords());
    StringBuilder human =
        new StringBuilder()
            .append("imported ")
            .append(report.added())
            .append(" messages in ")
            .append(report.folders())
            .append(" folders from ")
            .append(source)
            .append(" into ")
            .append(address)
            .append("; ")
            .append(report.alreadyImported() + report.alreadyPresent())
            .append(" were there already");
    if (report.vanished() > 0) {
      human.append("; ").append(report.vanished()).append(" were deleted on the source meanwhile");
    }
    if (report.droppedKeywords() > 0) {
      human
          .append("; ")
          .append(report.droppedKeywords())
          .append(" keywords that are not IMAP atoms were left out");
    }
    top.output().result(human.toString(), data);
  }
}
