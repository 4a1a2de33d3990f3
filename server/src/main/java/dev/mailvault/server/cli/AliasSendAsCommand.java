package dev.mailvault.server.cli;

import dev.mailvault.core.address.EmailAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mailvault alias send-as add|remove|list}: the addresses an alias may use as its sender on
 * submission besides its own and the account's other aliases (ADR 0203).
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "send-as",
    description = "Let an alias send as other addresses (submission's sender check).",
    subcommands = {
      AliasSendAsCommand.Add.class,
      AliasSendAsCommand.Remove.class,
      AliasSendAsCommand.ListSendAs.class
    })
final class AliasSendAsCommand extends GroupCommand {

  @ParentCommand AliasCommand parent;

  private MailvaultCommand top() {
    return parent.top;
  }

  private static Map<String, ?> data(String alias, String address, boolean changed) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("alias", alias);
    data.put("address", address);
    data.put("changed", changed);
    return data;
  }

  @Command(
      mixinStandardHelpOptions = true,
      name = "add",
      description = "Let ALIAS send as ADDRESS.")
  static final class Add implements Callable<Integer> {
    @ParentCommand AliasSendAsCommand parent;

    @Parameters(index = "0", paramLabel = "ALIAS")
    String alias;

    @Parameters(index = "1", paramLabel = "ADDRESS")
    String address;

    @Override
    public Integer call() throws Exception {
      EmailAddress who = EmailAddress.parse(alias);
      EmailAddress as = EmailAddress.parse(address);
      try (AdminSession admin = parent.top().openAdmin()) {
        boolean added = admin.aliasOperations().addSendAs(who, as);
        parent
            .top()
            .output()
            .result(
                added ? who + " may now send as " + as : who + " could already send as " + as,
                data(who.toString(), as.toString(), added));
      }
      return 0;
    }
  }

  @Command(
      mixinStandardHelpOptions = true,
      name = "remove",
      description = "Take back ALIAS's right to send as ADDRESS.")
  static final class Remove implements Callable<Integer> {
    @ParentCommand AliasSendAsCommand parent;

    @Parameters(index = "0", paramLabel = "ALIAS")
    String alias;

    @Parameters(index = "1", paramLabel = "ADDRESS")
    String address;

    @Override
    public Integer call() throws Exception {
      EmailAddress who = EmailAddress.parse(alias);
      EmailAddress as = EmailAddress.parse(address);
      try (AdminSession admin = parent.top().openAdmin()) {
        boolean removed = admin.aliasOperations().removeSendAs(who, as);
        parent
            .top()
            .output()
            .result(
                removed ? who + " may no longer send as " + as : who + " could not send as " + as,
                data(who.toString(), as.toString(), removed));
      }
      return 0;
    }
  }

  @Command(
      mixinStandardHelpOptions = true,
      name = "list",
      description = "List the addresses ALIAS may send as besides the account's aliases.")
  static final class ListSendAs implements Callable<Integer> {
    @ParentCommand AliasSendAsCommand parent;

    @Parameters(paramLabel = "ALIAS")
    String alias;

    @Override
    public Integer call() throws Exception {
      EmailAddress who = EmailAddress.parse(alias);
      try (AdminSession admin = parent.top().openAdmin()) {
        List<Map<String, ?>> rows =
            admin.aliasOperations().sendAs(who).stream()
                .map(a -> Map.<String, Object>of("address", a.toString()))
                .<Map<String, ?>>map(m -> m)
                .toList();
        parent.top().output().table(List.of("address"), rows, "no send-as addresses");
      }
      return 0;
    }
  }
}
