package dev.mailvault.server.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.outbound.queue.OutboundQueue;
import dev.mailvault.outbound.queue.QueueEntry;
import dev.mailvault.server.admin.AdminOperations;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code queue.list}, {@code queue.show}, {@code queue.retry} and {@code queue.remove} on the admin
 * socket: the running queue answers, so a retry or removal takes effect at once and never races the
 * queue's own writes.
 */
public final class QueueAdminOperations {

  private final OutboundQueue queue;

  private QueueAdminOperations(OutboundQueue queue) {
    this.queue = queue;
  }

  public static void register(AdminOperations registry, OutboundQueue queue) {
    QueueAdminOperations ops = new QueueAdminOperations(queue);
    registry.register("queue.list", ops::list);
    registry.register("queue.show", ops::show);
    registry.register("queue.retry", ops::retry);
    registry.register("queue.remove", ops::remove);
  }

  private Map<String, ?> list(JsonNode args, Consumer<String> progress) {
    return Map.of("items", queue.list().stream().map(QueueEntry::toMap).toList());
  }

  private Map<String, ?> show(JsonNode args, Consumer<String> progress) throws MailvaultException {
    String id = id(args);
    return queue.show(id).orElseThrow(() -> unknown(id)).toMap();
  }

  private Map<String, ?> retry(JsonNode args, Consumer<String> progress) throws MailvaultException {
    String id = id(args);
    if (!queue.retryNow(id)) {
      throw unknown(id);
    }
    return Map.of("id", id, "retried", true);
  }

  private Map<String, ?> remove(JsonNode args, Consumer<String> progress)
      throws MailvaultException {
    String id = id(args);
    if (!queue.remove(id)) {
      throw unknown(id);
    }
    return Map.of("id", id, "removed", true);
  }

  private static String id(JsonNode args) {
    return args.path("id").asText("");
  }

  static MailvaultException unknown(String id) {
    return new MailvaultException("no queue item " + id);
  }
}
