package dev.mailvault.server.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailvault.core.outbound.DsnReturn;
import dev.mailvault.core.outbound.OutboundMessage;
import dev.mailvault.core.outbound.OutboundRecipient;
import dev.mailvault.directory.testing.PostgresServer;
import dev.mailvault.server.MailvaultNode;
import dev.mailvault.server.app.QueueOperations;
import dev.mailvault.server.app.UnknownQueueItemException;
import dev.mailvault.server.cluster.ClusterQueueOperations;
import dev.mailvault.server.outbound.DeferringNetwork;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A front-end manages the cluster's outbound queue (ADR 0286): the primary holds the message its
 * network delivery keeps deferring ({@link DeferringNetwork}); the front-end lists, shows, retries
 * and removes it through the primaries' {@code queue.*} operations, never seeing a local part or a
 * byte of the message.
 */
class ClusterQueueOperationsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static OutboundMessage message() {
    byte[] raw =
        ("From: <alice@home.test>\r\nTo: <bob@remote.test>\r\nSubject: queue-marker\r\n\r\n"
                + "body-marker\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    return new OutboundMessage(
        "alice@home.test",
        "alice@home.test",
        List.of(OutboundRecipient.of("bob@remote.test")),
        raw,
        Instant.now(),
        Optional.empty(),
        DsnReturn.DEFAULT,
        false,
        false,
        false);
  }

  @Test
  void aFrontEndListsShowsRetriesAndRemovesThePrimarysQueueItems() throws Exception {
    assumeTrue(PostgresServer.available(), "PostgreSQL from Debian is not installed");
    try (TestedNode cluster =
        TestedNode.cluster(
            LoopbackNode.settings(dir.resolve("data"), "mx.example.test"),
            new DeferringNetwork())) {
      MailvaultNode primary = cluster.storage();
      QueueOperations queue =
          new ClusterQueueOperations(cluster.clients().clusterAdmin().orElseThrow());
      assertThat(queue.list()).isEmpty();

      String id = primary.outbox().submit(message());
      await()
          .until(() -> primary.outboundQueue().show(id).map(e -> e.attempts() == 1).orElse(false));

      List<Map<String, Object>> items = queue.list();
      assertThat(items).hasSize(1);
      assertThat(items.get(0)).containsEntry("id", id).containsEntry("attempts", 1);
      assertThat(items.get(0).get("domains")).isEqualTo(List.of("remote.test"));
      assertThat(JSON.writeValueAsString(items))
          .doesNotContain("bob", "alice", "marker")
          .contains(DeferringNetwork.DIAGNOSTIC);

      assertThat(queue.show(id)).isEqualTo(items.get(0));

      queue.retry(id);
      await()
          .until(() -> primary.outboundQueue().show(id).map(e -> e.attempts() == 2).orElse(false));
      assertThat(queue.show(id)).containsEntry("attempts", 2);

      queue.remove(id);
      assertThat(primary.outboundQueue().show(id)).isEmpty();
      assertThat(queue.list()).isEmpty();

      for (String unknown : List.of(id, "0".repeat(32))) {
        assertThatThrownBy(() -> queue.show(unknown))
            .isInstanceOf(UnknownQueueItemException.class)
            .hasMessage("no queue item " + unknown);
        assertThatThrownBy(() -> queue.retry(unknown))
            .isInstanceOf(UnknownQueueItemException.class);
        assertThatThrownBy(() -> queue.remove(unknown))
            .isInstanceOf(UnknownQueueItemException.class);
      }
    }
  }
}
