package dev.mailvault.server.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.outbound.queue.OutboundQueue;
import dev.mailvault.server.admin.AdminOperations;
import dev.mailvault.server.app.QueueOperations;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code queue.list}, {@code queue.show}, {@code queue.retry} and {@code queue.remove} on the admin
 * socket: the running queue answers, so a retry or removal takes effect at once and never races the
 * queue's own writes.
 */
public final class QueueAdminOperations {

  private final QueueOperations queue;

  private QueueAdminOperations(QueueOperations queue) {
    this.queue = queue;
  }

  public static void register(AdminOperations registry, OutboundQueue queue) {
    QueueAdminOperations ops = new QueueAdminOperations(QueueOperations.live(queue));
    registry.register("queue.list", ops::list);
    registry.register("queue.show", ops::show);
    registry.register("queue.retry", ops::retry);
    registry.register("queue.remove", ops::remove);
  }

  private Map<String, ?> list(JsonNode args, Consumer<String> progress) throws MailvaultException {
    return Map.of("items", queue.list());
  }

  private Map<String, ?> show(JsonNode args, Consumer<String> progress) throws MailvaultException {
    return queue.show(id(args));
  }

  private Map<String, ?> retry(JsonNode args, Consumer<String> progress) throws MailvaultException {
    String id = id(args);
    queue.retry(id);
    return Map.of("id", id, "retried", true);
  }

  private Map<String, ?> remove(JsonNode args, Consumer<String> progress)
      throws MailvaultException {
    String id = id(args);
    queue.remove(id);
    return Map.of("id", id, "removed", true);
  }

  private static String id(JsonNode args) {
    return args.path("id").asText("");
  }
}
