package dev.mailvault.server.cli;

import dev.mailvault.directory.AdminTokenInfo;
import dev.mailvault.server.app.AdminTokens;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code mailvault admin token create|list|revoke}: tokens for the JSON API (ADR 0261). */
@Command(
    mixinStandardHelpOptions = true,
    name = "token",
    description = "Create, list and revoke admin API tokens (for /api/v1).",
    subcommands = {
      AdminTokenCommand.Create.class,
      AdminTokenCommand.ListTokens.class,
      AdminTokenCommand.Revoke.class
    })
final class AdminTokenCommand extends GroupCommand {

  @ParentCommand AdminCommand parent;

  MailvaultCommand top() {
    return parent.top;
  }

  @Command(
      mixinStandardHelpOptions = true,
      name = "create",
      description = "Create a token and print it once (only its SHA-256 is kept).")
  static final class Create implements Callable<Integer> {
    @ParentCommand AdminTokenCommand parent;

    @Parameters(paramLabel = "NAME", description = "What the token is for, e.g. monitoring.")
    String name;

    @Option(
        names = "--scope",
        paramLabel = "SCOPE",
        description = "read (GET only) or admin (everything; the default).")
    String scope = AdminTokens.ADMIN;

    @Override
    public Integer call() throws Exception {
      try (AdminSession admin = parent.top().openAdmin()) {
        AdminTokens.Created created = new AdminTokens(admin.directory).create(name, scope);
        Map<String, Object> data = new LinkedHashMap<>(row(created.info()));
        data.put("token", created.token());
        parent
            .top()
            .output()
            .result(
                "created token "
                    + created.info().id()
                    + " ("
                    + created.info().name()
                    + ", scope "
                    + created.info().scope()
                    + ")"
                    + System.lineSeparator()
                    + "token: "
                    + created.token()
                    + System.lineSeparator()
                    + "(shown once; send it as Authorization: Bearer TOKEN)",
                data);
      }
      return 0;
    }
  }

  @Command(mixinStandardHelpOptions = true, name = "list", description = "List the tokens.")
  static final class ListTokens implements Callable<Integer> {
    @ParentCommand AdminTokenCommand parent;

    @Override
    public Integer call() throws Exception {
      try (AdminSession admin = parent.top().openAdmin()) {
        List<Map<String, ?>> rows =
            new AdminTokens(admin.directory).list().stream().map(AdminTokenCommand::row).toList();
        parent
            .top()
            .output()
            .table(
                List.of("id", "name", "scope", "created", "lastUsed", "revoked"),
                rows,
                "no tokens");
      }
      return 0;
    }
  }

  @Command(
      mixinStandardHelpOptions = true,
      name = "revoke",
      description = "Revoke a token: it stops working at once.")
  static final class Revoke implements Callable<Integer> {
    @ParentCommand AdminTokenCommand parent;

    @Parameters(paramLabel = "ID", description = "The id admin token list shows.")
    long id;

    @Override
    public Integer call() throws Exception {
      try (AdminSession admin = parent.top().openAdmin()) {
        new AdminTokens(admin.directory).revoke(id);
        parent.top().output().result("revoked token " + id, Map.of("id", id, "revoked", true));
      }
      return 0;
    }
  }

  static Map<String, ?> row(AdminTokenInfo t) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", t.id());
    row.put("name", t.name());
    row.put("scope", t.scope());
    row.put("created", t.created().toString());
    row.put("lastUsed", t.lastUsed().map(Instant::toString).orElse(""));
    row.put("revoked", t.revoked().map(Instant::toString).orElse(""));
    return row;
  }
}
