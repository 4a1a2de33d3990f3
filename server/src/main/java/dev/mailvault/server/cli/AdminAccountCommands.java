package dev.mailvault.server.cli;

import dev.mailvault.directory.AdminAccounts;
import dev.mailvault.directory.AdminInfo;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mailvault admin add|list|remove|reset-2fa}: the console's admin accounts (ADR 0263). Each
 * logs in with its password and then enrols a TOTP second factor on its first console login.
 */
final class AdminAccountCommands {

  private AdminAccountCommands() {}

  @Command(
      mixinStandardHelpOptions = true,
      name = "add",
      description = {
        "Add a console admin and print its generated password once.",
        "The admin sets up two-factor login (TOTP) at its first login at /admin/login."
      })
  static final class Add implements Callable<Integer> {
    @ParentCommand AdminCommand parent;

    @Parameters(paramLabel = "NAME", description = "Letters, digits, '.', '_', '-'; e.g. alice")
    String name;

    @Option(
        names = "--password-stdin",
        description =
            "Read the password (12+ characters) from standard input instead of generating one.")
    boolean passwordStdin;

    @Override
    public Integer call() throws Exception {
      char[] chosen = passwordStdin ? new PasswordInput(true, System.in).read("") : null;
      try (AdminSession admin = parent.top.openAdmin()) {
        AdminAccounts admins = admin.directory.adminAccounts();
        Output out = parent.top.output();
        String canonical = name.toLowerCase(java.util.Locale.ROOT);
        if (chosen != null) {
          admins.add(name, chosen);
          out.result("added admin " + canonical, Map.of("name", canonical));
          return 0;
        }
        char[] generated = admins.add(name);
        try {
          String pw = new String(generated);
          out.result(
              "added admin "
                  + canonical
                  + System.lineSeparator()
                  + "password: "
                  + pw
                  + System.lineSeparator()
                  + "(shown once; it is not stored anywhere)",
              Map.of("name", canonical, "password", pw));
        } finally {
          Arrays.fill(generated, '\0');
        }
      } finally {
        if (chosen != null) {
          Arrays.fill(chosen, '\0');
        }
      }
      return 0;
    }
  }

  @Command(mixinStandardHelpOptions = true, name = "list", description = "List console admins.")
  static final class ListAdmins implements Callable<Integer> {
    @ParentCommand AdminCommand parent;

    @Override
    public Integer call() throws Exception {
      try (AdminSession admin = parent.top.openAdmin()) {
        List<Map<String, ?>> rows =
            admin.directory.adminAccounts().list().stream().map(ListAdmins::row).toList();
        parent
            .top
            .output()
            .table(List.of("name", "two-factor", "recovery-codes", "created"), rows, "no admins");
      }
      return 0;
    }

    private static Map<String, ?> row(AdminInfo a) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", a.name());
      row.put("two-factor", a.enrolled() ? "enrolled" : "not yet");
      row.put("recovery-codes", a.recoveryCodesLeft());
      row.put("created", a.created().toString());
      return row;
    }
  }

  @Command(
      mixinStandardHelpOptions = true,
      name = "remove",
      description = "Remove a console admin.")
  static final class Remove implements Callable<Integer> {
    @ParentCommand AdminCommand parent;

    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    public Integer call() throws Exception {
      try (AdminSession admin = parent.top.openAdmin()) {
        admin.directory.adminAccounts().remove(name);
        String canonical = name.toLowerCase(java.util.Locale.ROOT);
        parent.top.output().result("removed admin " + canonical, Map.of("name", canonical));
      }
      return 0;
    }
  }

  @Command(
      mixinStandardHelpOptions = true,
      name = "reset-2fa",
      description = {
        "Forget an admin's two-factor secret and recovery codes (a lost phone).",
        "The admin sets up a new one at its next login."
      })
  static final class ResetTwoFactor implements Callable<Integer> {
    @ParentCommand AdminCommand parent;

    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    public Integer call() throws Exception {
      try (AdminSession admin = parent.top.openAdmin()) {
        admin.directory.adminAccounts().resetTwoFactor(name);
        String canonical = name.toLowerCase(java.util.Locale.ROOT);
        parent
            .top
            .output()
            .result(
                "reset the two-factor login of "
                    + canonical
                    + "; it enrols again at its next login",
                Map.of("name", canonical));
      }
      return 0;
    }
  }
}
