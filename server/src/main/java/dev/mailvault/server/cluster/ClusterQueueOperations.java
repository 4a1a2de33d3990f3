package dev.mailvault.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.server.app.QueueOperations;
import dev.mailvault.server.app.UnknownQueueItemException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A cluster's outbound queue as a front-end sees it (ADR 0286): each primary queues what it
 * accepted and keeps it, so the listing is every live primary's {@code queue.list} together, and an
 * item is shown, retried or removed by the one primary that holds it. The maps are the primaries'
 * {@code QueueEntry.toMap()}: ids, domains, attempts and errors, never a local part or a message
 * byte.
 */
public final class ClusterQueueOperations implements QueueOperations {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ClusterAdmin primaries;

  public ClusterQueueOperations(ClusterAdmin primaries) {
    this.primaries = primaries;
  }

  @Override
  public List<Map<String, Object>> list() throws MailvaultException {
    List<Map<String, Object>> items = new ArrayList<>();
    for (JsonNode queue : primaries.onEachPrimary("queue.list", Map.of())) {
      for (JsonNode item : queue.path("items")) {
        items.add(map(item));
      }
    }
    // The order one queue lists in (oldest first), across the primaries.
    items.sort(
        Comparator.comparing(
                (Map<String, Object> item) -> Instant.parse(String.valueOf(item.get("accepted"))))
            .thenComparing(item -> String.valueOf(item.get("id"))));
    return items;
  }

  @Override
  public Map<String, Object> show(String id) throws MailvaultException {
    return map(onTheHolder("queue.show", id));
  }

  @Override
  public void retry(String id) throws MailvaultException {
    onTheHolder("queue.retry", id);
  }

  @Override
  public void remove(String id) throws MailvaultException {
    onTheHolder("queue.remove", id);
  }

  private JsonNode onTheHolder(String op, String id) throws MailvaultException {
    return primaries
        .onThePrimaryThatHolds(op, Map.of("id", id), UnknownQueueItemException.class)
        .orElseThrow(() -> new UnknownQueueItemException(id));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(JsonNode node) {
    return JSON.convertValue(node, LinkedHashMap.class);
  }
}
