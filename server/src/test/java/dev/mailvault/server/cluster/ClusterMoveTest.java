package dev.mailvault.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mailvault.server.cluster.ClusterHarness.Owner;
import dev.mailvault.server.cluster.ClusterLoad.Client;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: {@code cluster move VAULT NODE} under live traffic. MX deliveries and APPENDs run
 * through both front-ends while the vault is moved from primary to primary four times with the CLI,
 * as an operator rebalancing would. Every acknowledged message must be in the vault exactly once,
 * every failure a client saw must have been temporary, both clients must carry on after each move,
 * and the new owner must be the one serving (its epoch higher than the last).
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ClusterMoveTest {

  private static final int MOVES = 4;

  /** How long a first login may find the vault unavailable while the cluster settles. */
  private static final Duration READY = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void movingAVaultUnderLoadLosesAndDuplicatesNoAcknowledgedMessage() throws Exception {
    try (ClusterHarness cluster = ClusterHarness.start(dir, 2, 2)) {
      String alias = "load@move.example";
      String password = cluster.addAlias(alias);
      String vault = cluster.vaultIdOf(alias);
      ClusterLoad load = new ClusterLoad(alias, password);
      try {
        for (ClusterNode frontend : cluster.frontends()) {
          load.start(frontend);
        }
        Owner owner = awaitOwner(cluster, vault);
        for (int move = 1; move <= MOVES; move++) {
          int before = load.acknowledgedCount();
          await("messages acknowledged before move " + move)
              .atMost(Duration.ofSeconds(60))
              .until(() -> load.acknowledgedCount() >= before + 4);
          String from = owner.primary();
          String target =
              cluster.primaries().stream()
                  .map(ClusterNode::name)
                  .filter(name -> !name.equals(from))
                  .findFirst()
                  .orElseThrow();
          long movedAt = System.nanoTime();
          cluster.move(vault, target);
          System.out.printf(
              "ClusterMoveTest: move %d to %s from +%d ms to +%d ms%n",
              move,
              target,
              load.millisSinceStart(movedAt),
              load.millisSinceStart(System.nanoTime()));
          Owner moved = cluster.ownerOf(vault).orElseThrow();
          assertThat(moved.primary()).as("owner after move " + move).isEqualTo(target);
          assertThat(moved.epoch()).as("epoch after move " + move).isGreaterThan(owner.epoch());
          // Both clients carry on: each gets an acknowledgement for an attempt begun after the
          // move, which only the new owner can give once the old one is fenced.
          await("service after move " + move)
              .atMost(Duration.ofSeconds(60))
              .until(
                  () ->
                      load.firstSuccessStartedAfter(Client.SMTP, movedAt).isPresent()
                          && load.firstSuccessStartedAfter(Client.IMAP, movedAt).isPresent());
          owner = moved;
        }
      } finally {
        load.close();
      }

      System.out.printf(
          "ClusterMoveTest: %d acknowledged of %d attempted, %d temporary failures over %d"
              + " moves%n",
          load.acknowledged().size(), load.attempted().size(), load.temporaryFailures(), MOVES);
      assertThat(load.violations()).as("failures that were not temporary").isEmpty();
      assertThat(cluster.ownerOf(vault).map(Owner::primary))
          .as("the last move holds")
          .isEqualTo(Optional.of(awaitOwner(cluster, vault).primary()));

      try {
        load.assertEveryAcknowledgedOnceIn(cluster.frontends().get(1).imapPort(), READY);
      } catch (AssertionError e) {
        System.out.println("ClusterMoveTest: the cluster's warnings\n" + cluster.diagnostics());
        throw e;
      }
    }
  }

  /** Waits until the directory names a running primary as the vault's owner. */
  private static Owner awaitOwner(ClusterHarness cluster, String vault) {
    Owner[] found = new Owner[1];
    await("an owner of the vault")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              Optional<Owner> owner = cluster.ownerOf(vault);
              if (owner.isEmpty() || !cluster.primary(owner.get().primary()).isAlive()) {
                return false;
              }
              found[0] = owner.get();
              return true;
            });
    return found[0];
  }
}
