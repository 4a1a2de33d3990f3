package dev.mailvault.server.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.directory.testing.PostgresServer;
import dev.mailvault.server.MailvaultNode;
import dev.mailvault.server.admin.AdminCalls;
import dev.mailvault.server.admin.AdminException;
import dev.mailvault.server.admin.AliasLifecycle;
import dev.mailvault.server.app.UnknownQueueItemException;
import dev.mailvault.server.cluster.ClusterAdmin;
import dev.mailvault.server.cluster.PrimaryAdminScopes;
import dev.mailvault.server.cluster.RemoteVaultFiles;
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

  private static final String PASSWORD = "cluster admin scopes";

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
          .hasMessageContaining("not offered here");
    }
  }

  @Test
  void anOperationRunsOnlyInItsOwnScopeAndTheSocketsOthersAreNotOffered() throws Exception {
    assumeTrue(PostgresServer.available(), "PostgreSQL from Debian is not installed");
    try (TestedNode cluster =
        TestedNode.cluster(LoopbackNode.settings(dir.resolve("data"), "mx.example.test"))) {
      ClusterAdmin admin = cluster.clients().clusterAdmin().orElseThrow();
      // every operation the cluster offers is one the primary has
      assertThat(cluster.storage().adminOperations().names())
          .containsAll(PrimaryAdminScopes.VAULT)
          .containsAll(PrimaryAdminScopes.NODE)
          .contains("purge");

      // a vault's operation sent as a node's would skip the owner check: refused unrun
      assertThatThrownBy(
              () -> admin.onEachPrimary("vault.delete", Map.of("vaultId", "v-not-asked-for")))
          .isInstanceOf(AdminException.class)
          .hasMessage("admin operation 'vault.delete' not offered here");
      // the socket's own operations (purge, here) are not the cluster's
      assertThatThrownBy(() -> admin.onEachPrimary("purge", Map.of()))
          .isInstanceOf(AdminException.class)
          .hasMessage("admin operation 'purge' not offered here");
    }
  }

  @Test
  void aVaultsOperationRunsOnlyOnTheVaultItWasRoutedBy() throws Exception {
    assumeTrue(PostgresServer.available(), "PostgreSQL from Debian is not installed");
    Path data = dir.resolve("data");
    try (TestedNode cluster = TestedNode.cluster(LoopbackNode.settings(data, "mx.example.test"))) {
      MailvaultNode frontend = cluster.clients();
      ClusterAdmin admin = frontend.clusterAdmin().orElseThrow();
      AliasLifecycle aliases =
          new AliasLifecycle(frontend.directory(), new RemoteVaultFiles(admin));
      EmailAddress one = EmailAddress.parse("one@example.test");
      EmailAddress two = EmailAddress.parse("two@example.test");
      frontend.directory().addDomain(one.domain());
      aliases.create(one, PASSWORD.toCharArray()).close();
      aliases.create(two, PASSWORD.toCharArray()).close();
      String vaultOne = frontend.directory().findAlias(one).orElseThrow().vaultId();
      String vaultTwo = frontend.directory().findAlias(two).orElseThrow().vaultId();
      AdminCalls onOwnerOfOne = admin.onOwnerOf(vaultOne);

      assertThat(
              onOwnerOfOne
                  .call("backup.list", Map.of("address", one.toString()), l -> {})
                  .path("manifests")
                  .isArray())
          .isTrue();
      // another vault, by id or by an alias's address, or none at all (every alias): refused unrun
      assertThatThrownBy(
              () -> onOwnerOfOne.call("vault.delete", Map.of("vaultId", vaultTwo), l -> {}))
          .hasMessage("admin operation 'vault.delete' not offered here");
      assertThat(data.resolve("vaults").resolve(vaultTwo + ".sqlite")).isRegularFile();
      assertThatThrownBy(
              () -> onOwnerOfOne.call("backup.create", Map.of("address", two.toString()), l -> {}))
          .hasMessage("admin operation 'backup.create' not offered here");
      assertThatThrownBy(() -> onOwnerOfOne.call("backup.create", Map.of(), l -> {}))
          .hasMessage("admin operation 'backup.create' not offered here");
      assertThat(
              admin
                  .onOwnerOf(vaultTwo)
                  .call("backup.list", Map.of("address", two.toString()), l -> {})
                  .path("manifests"))
          .isEmpty();
    }
  }
}
