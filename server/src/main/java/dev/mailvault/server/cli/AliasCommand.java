package dev.mailvault.server.cli;

import dev.mailvault.core.address.DomainName;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.directory.AliasInfo;
import dev.mailvault.directory.NewAlias;
import dev.mailvault.directory.ResetAlias;
import dev.mailvault.server.admin.AliasLifecycle.RemovalReport;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code mailvault alias add|list|remove|passwd|send-as|app-password|mode|forward|webhook-log}. */
@Command(
    mixinStandardHelpOptions = true,
    name = "alias",
    description = "Manage aliases (mailboxes such as hello@example.com).",
    subcommands = {
      AliasCommand.Add.class,
      AliasCommand.ListAliases.class,
      AliasCommand.Remove.class,
      AliasCommand.Passwd.class,
      AliasSendAsCommand.class,
      AliasAppPasswordCommand.class,
      AliasCommand.TwoFactorOff.class,
      AliasRoutingCommands.Mode.class,
      AliasRoutingCommands.Forward.class,
      AliasRoutingCommands.WebhookLog.class
    })
final class AliasCommand extends GroupCommand {

  @ParentCommand MailvaultCommand top;

  @Command(
      mixinStandardHelpOptions = true,
      name = "add",
      description = "Add an alias and print its generated password once.")
  static final class Add implements Callable<Integer> {
    @ParentCommand AliasCommand parent;

    @Parameters(paramLabel = "ADDRESS", description = "e.g. hello@example.com")
    String address;

    @Option(
        names = "--password-stdin",
        description =
            "Read the password (12+ characters) from standard input instead of generating one.")
    boolean passwordStdin;

    @Override
    public Integer call() throws Exception {
      EmailAddress parsed = EmailAddress.parse(address);
      char[] chosen = passwordStdin ? new PasswordInput(true, System.in).read("") : null;
      try (AdminSession admin = parent.top.openAdmin();
          NewAlias alias = admin.aliasOperations().add(parsed, chosen)) {
        printNewPassword(parent.top.output(), "added alias " + alias.address(), alias);
      } finally {
        wipe(chosen);
      }
      return 0;
    }
  }

  @Command(
      mixinStandardHelpOptions = true,
      name = "list",
      description = "List aliases, of every domain or of one.")
  static final class ListAliases implements Callable<Integer> {
    @ParentCommand AliasCommand parent;

    @Parameters(paramLabel = "DOMAIN", arity = "0..1", description = "Only this domain's aliases.")
    String domain;

    @Override
    public Integer call() throws Exception {
      DomainName only = domain == null ? null : DomainName.parse(domain);
      try (AdminSession admin = parent.top.openAdmin()) {
        List<AliasInfo> aliases = admin.aliasOperations().list(only);
        List<Map<String, ?>> rows = aliases.stream().map(AliasCommand::row).toList();
        parent
            .top
            .output()
            .table(
                List.of("address", "enabled", "messages", "bytes", "created"), rows, "no aliases");
      }
      return 0;
    }
  }

  @Command(
      mixinStandardHelpOptions = true,
      name = "remove",
      description = "Remove an alias with its vault, spool and keys. Its mail is gone for good.")
  static final class Remove implements Callable<Integer> {
    @ParentCommand AliasCommand parent;

    @Parameters(paramLabel = "ADDRESS")
    String address;

    @Override
    public Integer call() throws Exception {
      EmailAddress parsed = EmailAddress.parse(address);
      try (AdminSession admin = parent.top.openAdmin()) {
        RemovalReport report = admin.aliasOperations().remove(parsed);
        parent.top.output().result(describe(report), data(report));
      }
      return 0;
    }
  }

  @Command(
      mixinStandardHelpOptions = true,
      name = "passwd",
      description = {
        "Change an alias's password: asks for the old one and prints a new generated one; every"
            + " message stays.",
        "With --reset (forgotten password), the mailbox is discarded and the alias starts empty."
      })
  static final class Passwd implements Callable<Integer> {
    @ParentCommand AliasCommand parent;

    @Parameters(paramLabel = "ADDRESS")
    String address;

    @Option(names = "--reset", description = "No old password: discard the mailbox and start over.")
    boolean reset;

    @Option(names = "--yes", description = "With --reset: do not ask for confirmation.")
    boolean yes;

    @Option(
        names = "--password-stdin",
        description =
            "Read passwords from standard input, one per line: the old password (not with --reset),"
                + " then the new one if --new-password-stdin.")
    boolean passwordStdin;

    @Option(
        names = "--new-password-stdin",
        description =
            "Take the new password (12+ characters) from standard input instead of generating one.")
    boolean newPasswordStdin;

    @Override
    public Integer call() throws Exception {
      EmailAddress parsed = EmailAddress.parse(address);
      PasswordInput input = new PasswordInput(passwordStdin || newPasswordStdin, System.in);
      Output out = parent.top.output();
      if (reset) {
        if (!yes
            && !PasswordInput.confirm(
                "Discard every message of " + parsed + " and start an empty mailbox?")) {
          throw new MailvaultException("not confirmed; nothing changed (use --yes in scripts)");
        }
        char[] chosen = newPasswordStdin ? input.read("") : null;
        try (AdminSession admin = parent.top.openAdmin();
            ResetAlias result = admin.aliasOperations().reset(parsed, chosen)) {
          printNewPassword(
              out, "reset " + parsed + ": the old mailbox was discarded", result.alias());
        } finally {
          wipe(chosen);
        }
        return 0;
      }
      char[] old = input.read("Current password for " + parsed + ": ");
      char[] chosen = null;
      try (AdminSession admin = parent.top.openAdmin()) {
        if (newPasswordStdin) {
          chosen = input.read("");
          admin.aliasOperations().changePassword(parsed, old, chosen);
          out.result("changed the password of " + parsed, Map.of("address", parsed.toString()));
        } else {
          char[] generated = admin.aliasOperations().changePassword(parsed, old);
          try {
            String pw = new String(generated);
            out.result(
                "changed the password of "
                    + parsed
                    + System.lineSeparator()
                    + "new password: "
                    + pw
                    + System.lineSeparator()
                    + "(shown once; it is not stored anywhere)",
                Map.of("address", parsed.toString(), "password", pw));
          } finally {
            wipe(generated);
          }
        }
      } finally {
        wipe(old);
        wipe(chosen);
      }
      return 0;
    }
  }

  @Command(
      mixinStandardHelpOptions = true,
      name = "two-factor-off",
      description =
          "Turn off an alias's two-factor login to My account (for an owner who lost the device).")
  static final class TwoFactorOff implements Callable<Integer> {
    @ParentCommand AliasCommand parent;

    @Parameters(paramLabel = "ADDRESS")
    String address;

    @Override
    public Integer call() throws Exception {
      EmailAddress parsed = EmailAddress.parse(address);
      try (AdminSession admin = parent.top.openAdmin()) {
        boolean changed = admin.directory.disableTotp(parsed);
        parent
            .top
            .output()
            .result(
                changed
                    ? "turned off two-factor for " + parsed
                    : parsed + " had no two-factor login",
                Map.of("address", parsed.toString(), "changed", changed));
      }
      return 0;
    }
  }

  private static void printNewPassword(Output out, String headline, NewAlias alias) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("address", alias.address().toString());
    StringBuilder human = new StringBuilder(headline);
    alias
        .generatedPassword()
        .ifPresent(
            pw -> {
              String text = new String(pw);
              data.put("password", text);
              human.append(System.lineSeparator()).append("password: ").append(text);
              human
                  .append(System.lineSeparator())
                  .append("(shown once; it is not stored anywhere)");
            });
    out.result(human.toString(), data);
  }

  static String describe(RemovalReport report) {
    StringBuilder sb = new StringBuilder("removed alias " + report.address() + ": keys");
    report
        .listed()
        .ifPresent(
            a ->
                sb.append(", ")
                    .append(a.usage().messages())
                    .append(" messages (")
                    .append(a.usage().bytes())
                    .append(" bytes)"));
    for (Path p : report.deletedFiles()) {
      sb.append(", ").append(p);
    }
    return sb.toString();
  }

  static Map<String, ?> data(RemovalReport report) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("address", report.address().toString());
    report
        .listed()
        .ifPresent(
            a -> {
              data.put("messages", a.usage().messages());
              data.put("bytes", a.usage().bytes());
            });
    data.put("deleted", report.deletedFiles().stream().map(Path::toString).toList());
    return data;
  }

  private static Map<String, ?> row(AliasInfo a) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("address", a.address().toString());
    row.put("enabled", a.enabled());
    row.put("messages", a.usage().messages());
    row.put("bytes", a.usage().bytes());
    row.put("created", a.created().toString());
    return row;
  }

  private static void wipe(char[] secret) {
    if (secret != null) {
      Arrays.fill(secret, '\0');
    }
  }
}
