package dev.mailvault.server.cli;

import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.server.app.QueueOperations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mailvault queue list|show|retry|remove}: the outbound queue by id, destination domain,
 * attempts, next try and last error; never a local part or a byte of the message (issue 13). A
 * running {@code serve} answers through its admin socket; otherwise this process reads the sealed
 * queue files with the queue key (ADR 0201).
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "queue",
    description = "Show and manage the outbound queue.",
    subcommands = {
      QueueCommand.ListItems.class,
      QueueCommand.Show.class,
      QueueCommand.Retry.class,
      QueueCommand.Remove.class
    })
final class QueueCommand extends GroupCommand {

  @ParentCommand MailvaultCommand top;

  @Command(mixinStandardHelpOptions = true, name = "list", description = "List queued messages.")
  static final class ListItems implements Callable<Integer> {
    @ParentCommand QueueCommand parent;

    @Override
    public Integer call() throws Exception {
      List<Map<String, Object>> items = parent.access().list();
      List<Map<String, ?>> rows = new ArrayList<>();
      for (Map<String, Object> item : items) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", item.get("id"));
        row.put("accepted", item.get("accepted"));
        row.put("domains", String.join(",", strings(item.get("domains"))));
        row.put("attempts", item.get("attempts"));
        row.put("next", item.get("nextAttempt"));
        row.put("error", firstError(item));
        rows.add(parent.top.output().json() ? item : row);
      }
      parent
          .top
          .output()
          .table(
              List.of("id", "accepted", "domains", "attempts", "next", "error"),
              rows,
              "the outbound queue is empty");
      return 0;
    }
  }

  @Command(mixinStandardHelpOptions = true, name = "show", description = "Show one message.")
  static final class Show implements Callable<Integer> {
    @ParentCommand QueueCommand parent;

    @Parameters(paramLabel = "ID", description = "a queue id, as queue list shows it")
    String id;

    @Override
    public Integer call() throws Exception {
      Map<String, Object> item = parent.access().show(id);
      parent.top.output().result(describe(item), item);
      return 0;
    }
  }

  @Command(
      mixinStandardHelpOptions = true,
      name = "retry",
      description = "Try a message's pending recipients now.")
  static final class Retry implements Callable<Integer> {
    @ParentCommand QueueCommand parent;

    @Parameters(paramLabel = "ID", description = "a queue id")
    String id;

    @Override
    public Integer call() throws Exception {
      parent.access().retry(id);
      parent.top.output().result("retrying " + id, Map.of("id", id, "retried", true));
      return 0;
    }
  }

  @Command(
      mixinStandardHelpOptions = true,
      name = "remove",
      description = "Delete a message from the queue, without a bounce to its sender.")
  static final class Remove implements Callable<Integer> {
    @ParentCommand QueueCommand parent;

    @Parameters(paramLabel = "ID", description = "a queue id")
    String id;

    @Override
    public Integer call() throws Exception {
      parent.access().remove(id);
      parent.top.output().result("removed " + id, Map.of("id", id, "removed", true));
      return 0;
    }
  }

  private QueueOperations access() throws MailvaultException {
    return QueueOperations.forCli(top.settings(Map.of()));
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Object list) {
    return list instanceof List<?> values
        ? values.stream().map(String::valueOf).toList()
        : List.of();
  }

  @SuppressWarnings("unchecked")
  private static String firstError(Map<String, Object> item) {
    if (item.get("recipients") instanceof List<?> recipients) {
      for (Object r : recipients) {
        if (r instanceof Map<?, ?> recipient
            && recipient.get("lastError") instanceof String error
            && !error.isEmpty()) {
          return error;
        }
      }
    }
    return "";
  }

  private static String describe(Map<String, Object> item) {
    String nl = System.lineSeparator();
    StringBuilder text = new StringBuilder();
    text.append("id ").append(item.get("id")).append(nl);
    text.append("  accepted: ").append(item.get("accepted")).append(nl);
    text.append("  size: ").append(item.get("size")).append(" octets").append(nl);
    text.append("  reports to the sender pending: ").append(item.get("pendingReports"));
    if (item.get("recipients") instanceof List<?> recipients) {
      for (Object r : recipients) {
        if (r instanceof Map<?, ?> recipient) {
          text.append(nl)
              .append("  ")
              .append(recipient.get("domain"))
              .append(": ")
              .append(recipient.get("state"))
              .append(", ")
              .append(recipient.get("attempts"))
              .append(" attempts");
          Object next = recipient.get("nextAttempt");
          if (next != null && !next.toString().isEmpty()) {
            text.append(", next ").append(next);
          }
          Object error = recipient.get("lastError");
          if (error != null && !error.toString().isEmpty()) {
            text.append(", last: ").append(error);
          }
        }
      }
    }
    return text.toString();
  }
}
