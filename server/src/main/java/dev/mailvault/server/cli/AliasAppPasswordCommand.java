package dev.mailvault.server.cli;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.directory.AppPasswordInfo;
import dev.mailvault.directory.NewAppPassword;
import dev.mailvault.directory.UnlockedAlias;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mailvault alias app-password add|list|revoke}: passwords for mail clients, each its own
 * wrapped copy of the alias's data key, revocable one by one (ADR 0266).
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "app-password",
    description = "Manage an alias's app-specific passwords (for mail clients; revocable).",
    subcommands = {
      AliasAppPasswordCommand.Add.class,
      AliasAppPasswordCommand.ListAppPasswords.class,
      AliasAppPasswordCommand.Revoke.class
    })
final class AliasAppPasswordCommand extends GroupCommand {

  @ParentCommand AliasCommand parent;

  private MailvaultCommand top() {
    return parent.top;
  }

  @Command(
      mixinStandardHelpOptions = true,
      name = "add",
      description =
          "Make an app password for ADDRESS and print it once; asks for the alias's password (on"
              + " standard input when there is no terminal).")
  static final class Add implements Callable<Integer> {
    @ParentCommand AliasAppPasswordCommand parent;

    @Parameters(index = "0", paramLabel = "ADDRESS")
    String address;

    @Parameters(index = "1", paramLabel = "LABEL", description = "e.g. phone (1-64 characters)")
    String label;

    @Option(names = "--password-stdin", description = "Read the alias's password from stdin.")
    boolean passwordStdin;

    @Override
    public Integer call() throws Exception {
      EmailAddress alias = EmailAddress.parse(address);
      PasswordInput input = new PasswordInput(passwordStdin || System.console() == null, System.in);
      char[] password = input.read("Password for " + alias + ": ");
      try (AdminSession admin = parent.top().openAdmin();
          UnlockedAlias unlocked = unlock(admin, alias, password);
          NewAppPassword made = admin.directory.addAppPassword(unlocked, label)) {
        String shown = new String(made.password());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("address", alias.toString());
        data.put("id", made.info().id());
        data.put("label", made.info().label());
        data.put("password", shown);
        parent
            .top()
            .output()
            .result(
                "app password "
                    + made.info().id()
                    + " ("
                    + made.info().label()
                    + ") for "
                    + alias
                    + System.lineSeparator()
                    + "password: "
                    + shown
                    + System.lineSeparator()
                    + "(shown once; use it in one mail client, revoke it when the device goes)",
                data);
      } finally {
        Arrays.fill(password, '\0');
      }
      return 0;
    }

    private static UnlockedAlias unlock(AdminSession admin, EmailAddress alias, char[] password)
        throws MailvaultException {
      try {
        return admin.directory.unlockMain(alias.toString(), password);
      } catch (dev.mailvault.directory.AuthenticationFailedException e) {
        throw new MailvaultException("wrong password, or no such alias");
      }
    }
  }

  @Command(
      mixinStandardHelpOptions = true,
      name = "list",
      description = "List ADDRESS's app passwords (never the passwords themselves).")
  static final class ListAppPasswords implements Callable<Integer> {
    @ParentCommand AliasAppPasswordCommand parent;

    @Parameters(index = "0", paramLabel = "ADDRESS")
    String address;

    @Override
    public Integer call() throws Exception {
      EmailAddress alias = EmailAddress.parse(address);
      try (AdminSession admin = parent.top().openAdmin()) {
        parent
            .top()
            .output()
            .table(
                java.util.List.of("id", "label", "created", "last_used"),
                admin.directory.appPasswords(alias).stream()
                    .map(AliasAppPasswordCommand::row)
                    .toList(),
                "no app passwords");
      }
      return 0;
    }
  }

  @Command(
      mixinStandardHelpOptions = true,
      name = "revoke",
      description = "Revoke one of ADDRESS's app passwords: it stops working at once.")
  static final class Revoke implements Callable<Integer> {
    @ParentCommand AliasAppPasswordCommand parent;

    @Parameters(index = "0", paramLabel = "ADDRESS")
    String address;

    @Parameters(index = "1", paramLabel = "ID", description = "from app-password list")
    String id;

    @Override
    public Integer call() throws Exception {
      EmailAddress alias = EmailAddress.parse(address);
      try (AdminSession admin = parent.top().openAdmin()) {
        if (!admin.directory.revokeAppPassword(alias, id)) {
          throw new MailvaultException(alias + " has no app password " + id);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("address", alias.toString());
        data.put("id", id);
        parent.top().output().result("revoked app password " + id + " of " + alias, data);
      }
      return 0;
    }
  }

  private static Map<String, ?> row(AppPasswordInfo info) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", info.id());
    row.put("label", info.label());
    row.put("created", info.created().toString());
    row.put("last_used", info.lastUsed().map(Object::toString).orElse("never"));
    return row;
  }
}
