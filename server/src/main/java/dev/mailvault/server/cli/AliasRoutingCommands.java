package dev.mailvault.server.cli;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.directory.AddedForward;
import dev.mailvault.directory.DeliveryMode;
import dev.mailvault.directory.ForwardTarget;
import dev.mailvault.directory.WebhookDelivery;
import dev.mailvault.server.app.AliasOperations;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mailvault alias mode|forward|webhook-log}: what the MX does with an alias's mail (issue
 * 15, ADR 0240). Changes go to the directory, which a running server reads at each RCPT.
 */
final class AliasRoutingCommands {

  private AliasRoutingCommands() {}

  @Command(
      mixinStandardHelpOptions = true,
      name = "mode",
      description = {
        "Set what the MX does with an alias's mail: store (into its mailbox, the default),"
            + " forward (only to its forward targets) or both.",
        "An alias in forward mode without targets still stores, so no mail is lost."
      })
  static final class Mode implements Callable<Integer> {
    @ParentCommand AliasCommand parent;

    @Parameters(index = "0", paramLabel = "ADDRESS")
    String address;

    @Parameters(index = "1", paramLabel = "MODE", description = "store, forward or both")
    String mode;

    @Override
    public Integer call() throws Exception {
      EmailAddress alias = EmailAddress.parse(address);
      DeliveryMode chosen = parseMode(mode);
      try (AdminSession admin = parent.top.openAdmin()) {
        admin.aliasOperations().setMode(alias, chosen);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("address", alias.toString());
        data.put("mode", name(chosen));
        parent.top.output().result(alias + " now uses mode " + name(chosen), data);
      }
      return 0;
    }
  }

  @Command(
      mixinStandardHelpOptions = true,
      name = "forward",
      description = {
        "Manage an alias's forward targets: addresses, or https:// URLs that receive each message"
            + " as a webhook (in plaintext, by the user's choice).",
        "  forward ADDRESS add TARGET       (the first URL prints the webhook secret once)",
        "  forward ADDRESS remove TARGET|ID",
        "  forward ADDRESS list",
        "  forward ADDRESS secret --rotate  (a new webhook secret, printed once)"
      })
  static final class Forward implements Callable<Integer> {
    @ParentCommand AliasCommand parent;

    @Parameters(index = "0", paramLabel = "ADDRESS")
    String address;

    @Parameters(index = "1", paramLabel = "ACTION", description = "add, remove, list or secret")
    String action;

    @Parameters(index = "2", paramLabel = "TARGET", arity = "0..1")
    String target;

    @Option(names = "--rotate", description = "With secret: replace the webhook secret.")
    boolean rotate;

    @Override
    public Integer call() throws Exception {
      EmailAddress alias = EmailAddress.parse(address);
      String verb = action.toLowerCase(Locale.ROOT);
      if (verb.equals("add") || verb.equals("remove")) {
        if (target == null) {
          throw new MailvaultException(verb + " needs a TARGET (an address or an https:// URL)");
        }
      } else if (target != null) {
        throw new MailvaultException(verb + " takes no TARGET");
      }
      try (AdminSession admin = parent.top.openAdmin()) {
        Output out = parent.top.output();
        switch (verb) {
          case "add" -> add(out, admin.aliasOperations().addForward(alias, target), alias);
          case "remove" -> {
            boolean removed = admin.aliasOperations().removeForward(alias, target);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("address", alias.toString());
            data.put("target", target);
            data.put("changed", removed);
            out.result(
                removed
                    ? "removed " + target + " from " + alias
                    : alias + " had no target " + target,
                data);
          }
          case "list" ->
              out.table(
                  List.of("id", "kind", "target"),
                  admin.aliasOperations().forwards(alias).stream()
                      .map(AliasRoutingCommands::row)
                      .toList(),
                  "no forward targets");
          case "secret" -> {
            if (!rotate) {
              throw new MailvaultException(
                  "the secret is shown only when made; use secret --rotate for a new one");
            }
            byte[] secret = admin.aliasOperations().rotateWebhookSecret(alias);
            printSecret(out, "new webhook secret of " + alias, alias, secret);
          }
          default ->
              throw new MailvaultException(
                  "unknown action '" + action + "'; use add, remove, list or secret");
        }
      }
      return 0;
    }

    private static void add(Output out, AddedForward added, EmailAddress alias) {
      ForwardTarget t = added.target();
      String headline =
          added.added()
              ? "added " + t.target() + " to " + alias + " (id " + t.id() + ")"
              : alias + " already forwards to " + t.target() + " (id " + t.id() + ")";
      if (added.newSecret().isPresent()) {
        printSecret(out, headline, alias, added.newSecret().get());
        return;
      }
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("address", alias.toString());
      data.put("id", t.id());
      data.put("target", t.target());
      data.put("changed", added.added());
      out.result(headline, data);
    }
  }

  @Command(
      mixinStandardHelpOptions = true,
      name = "webhook-log",
      description =
          "Show an alias's latest webhook attempts: queue id, target id, time, HTTP status or"
              + " error, outcome (never message content).")
  static final class WebhookLog implements Callable<Integer> {
    @ParentCommand AliasCommand parent;

    @Parameters(index = "0", paramLabel = "ADDRESS")
    String address;

    @Option(names = "--limit", description = "At most this many (default 50).")
    int limit = 50;

    @Override
    public Integer call() throws Exception {
      EmailAddress alias = EmailAddress.parse(address);
      try (AdminSession admin = parent.top.openAdmin()) {
        List<Map<String, ?>> rows =
            admin.aliasOperations().webhookLog(alias, limit).stream()
                .map(AliasRoutingCommands::row)
                .toList();
        parent
            .top
            .output()
            .table(
                List.of("at", "queue", "target", "status", "outcome"), rows, "no webhook attempts");
      }
      return 0;
    }
  }

  static DeliveryMode parseMode(String text) throws MailvaultException {
    return AliasOperations.parseMode(text);
  }

  private static String name(DeliveryMode mode) {
    return AliasOperations.modeName(mode);
  }

  /** The secret as 64 hex digits: the HMAC-SHA256 key is its 32 bytes. Shown once. */
  private static void printSecret(Output out, String headline, EmailAddress alias, byte[] secret) {
    String hex = HexFormat.of().formatHex(secret);
    Arrays.fill(secret, (byte) 0);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("address", alias.toString());
    data.put("webhookSecret", hex);
    out.result(
        headline
            + System.lineSeparator()
            + "webhook secret: "
            + hex
            + System.lineSeparator()
            + "(shown once; receivers check each request's HMAC-SHA256 with it)",
        data);
  }

  private static Map<String, ?> row(ForwardTarget t) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", t.id());
    row.put("kind", t.isWebhook() ? "webhook" : "address");
    row.put("target", t.target());
    return row;
  }

  private static Map<String, ?> row(WebhookDelivery d) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("at", d.at().toString());
    row.put("queue", d.queueId());
    row.put("target", d.targetId());
    row.put(
        "status",
        d.httpStatus().isPresent()
            ? Integer.toString(d.httpStatus().getAsInt())
            : d.errorKind().orElse(""));
    row.put("outcome", d.outcome().name().toLowerCase(Locale.ROOT));
    return row;
  }
}
