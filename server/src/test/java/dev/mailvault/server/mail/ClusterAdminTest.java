package dev.mailvault.server.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailvault.directory.testing.PostgresServer;
import dev.mailvault.server.admin.AdminException;
import dev.mailvault.server.app.UnknownQueueItemException;
import dev.mailvault.server.cluster.ClusterAdmin;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A front-end reaches the primaries' admin operations over the cluster's RPC (ADR 0286): the
 * primary runs the same operations its admin socket offers, and its refusals arrive as the
 * exceptions it threw, so the web features can answer them as a node with every role does.
 */
class ClusterAdminTest {

  @TempDir Path dir;

  @Test
  void aFrontEndRunsThePrimarysAdminOperationsAndGetsItsRefusalsBack() throws Exception {
    assumeTrue(PostgresServer.available(), "PostgreSQL from Debian is not installed");
    try (TestedNode cluster =
        TestedNode.cluster(LoopbackNode.settings(dir.resolve("data"), "mx.example.test"))) {
      assertThat(cluster.storage().clusterAdmin()).isEmpty();
      ClusterAdmin admin = cluster.clients().clusterAdmin().orElseThrow();

      List<JsonNode> queues = admin.onEachPrimary("queue.list", Map.of());
      assertThat(queues).hasSize(1);
      assertThat(queues.get(0).path("items").isArray()).isTrue();

      assertThatThrownBy(() -> admin.onEachPrimary("queue.show", Map.of("id", "no-such-item")))
          .isInstanceOf(UnknownQueueItemException.class)
          .hasMessage("no queue item no-such-item");
      assertThatThrownBy(() -> admin.onEachPrimary("no.such.operation", Map.of()))
          .isInstanceOf(AdminException.class)
          .hasMessageContaining("unknown admin operation");
    }
  }
}
