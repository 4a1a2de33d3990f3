package dev.mailvault.directory.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.directory.ClusterRegistry;
import dev.mailvault.directory.DirectoryException;
import dev.mailvault.directory.NoLivePrimaryException;
import dev.mailvault.directory.PrimaryLease;
import dev.mailvault.directory.PrimaryStatus;
import dev.mailvault.directory.VaultOwner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Placement, leases and epochs (ADR 0280), the same cases on every engine. */
abstract class ClusterRegistryContract {

  static final Duration LONG = Duration.ofHours(1);

  /**
   * A lease short enough to let lapse in a test, and long enough to outlast the calls made before
   * it should lapse: on a loaded machine a new PostgreSQL connection alone has taken a second.
   */
  static final Duration SHORT = Duration.ofSeconds(5);

  abstract ClusterRegistry registry();

  /** Returns once {@code lease} has lapsed by the registry's clock. */
  abstract void lapse(PrimaryLease lease) throws Exception;

  @Test
  void joinGivesEachIncarnationAHigherEpoch() throws Exception {
    PrimaryLease a = registry().join("p-a", "127.0.0.1:7001", LONG);
    PrimaryLease b = registry().join("p-b", "127.0.0.1:7002", LONG);
    PrimaryLease a2 = registry().join("p-a", "127.0.0.1:7003", LONG);
    assertThat(b.epoch()).isGreaterThan(a.epoch());
    assertThat(a2.epoch()).isGreaterThan(b.epoch());
    assertThat(registry().renew(a)).as("superseded by its own rejoin").isFalse();
    assertThat(registry().renew(a2)).isTrue();
    assertThat(registry().primaries())
        .extracting(PrimaryStatus::primary, PrimaryStatus::rpcAddress, PrimaryStatus::live)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("p-a", "127.0.0.1:7003", true),
            org.assertj.core.groups.Tuple.tuple("p-b", "127.0.0.1:7002", true));
  }

  @Test
  void noLivePrimaryIsATemporaryRefusal() throws Exception {
    assertThatThrownBy(() -> registry().owner("v1")).isInstanceOf(NoLivePrimaryException.class);
    assertThat(registry().currentOwner("v1")).isEmpty();
  }

  @Test
  void newVaultsGoToTheLeastLoadedLivePrimary() throws Exception {
    PrimaryLease a = registry().join("p-a", "a:1", LONG);
    VaultOwner first = registry().owner("v1");
    VaultOwner second = registry().owner("v2");
    assertThat(first.primary()).isEqualTo("p-a");
    assertThat(second.primary()).isEqualTo("p-a");
    registry().join("p-b", "b:1", LONG);
    // p-b owns none: the next two go to it, then the two are even again.
    assertThat(registry().owner("v3").primary()).isEqualTo("p-b");
    assertThat(registry().owner("v4").primary()).isEqualTo("p-b");
    assertThat(registry().owner("v1")).as("a live owner stays").isEqualTo(first);
    assertThat(registry().primaries()).extracting(PrimaryStatus::vaults).containsExactly(2L, 2L);
    assertThat(a.epoch()).isLessThan(first.epoch());
  }

  @Test
  void concurrentOwnerCallsElectOneOwner() throws Exception {
    registry().join("p-a", "a:1", LONG);
    registry().join("p-b", "b:1", LONG);
    registry().join("p-c", "c:1", LONG);
    int threads = 12;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int round = 0; round < 5; round++) {
        String vault = "race" + round;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<VaultOwner>> answers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
          Callable<VaultOwner> ask =
              () -> {
                start.await();
                return registry().owner(vault);
              };
          answers.add(pool.submit(ask));
        }
        start.countDown();
        Set<VaultOwner> seen = new HashSet<>();
        for (Future<VaultOwner> answer : answers) {
          seen.add(answer.get());
        }
        assertThat(seen).hasSize(1);
        assertThat(registry().currentOwner(vault)).contains(seen.iterator().next());
      }
    } finally {
      pool.shutdownNow();
    }
    long owned = registry().primaries().stream().mapToLong(PrimaryStatus::vaults).sum();
    assertThat(owned).isEqualTo(5);
  }

  @Test
  void aLapsedOwnerIsTakenOverWithAHigherEpoch() throws Exception {
    PrimaryLease a = registry().join("p-a", "a:1", SHORT);
    VaultOwner before = registry().owner("v1");
    assertThat(before.primary()).isEqualTo("p-a");
    registry().join("p-b", "b:1", LONG);
    lapse(a);
    assertThat(registry().renew(a)).as("renew after the lapse").isFalse();
    VaultOwner after = registry().owner("v1");
    assertThat(after.primary()).isEqualTo("p-b");
    assertThat(after.epoch()).isGreaterThan(before.epoch());
    assertThat(registry().primaries())
        .extracting(PrimaryStatus::primary, PrimaryStatus::live)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("p-a", false),
            org.assertj.core.groups.Tuple.tuple("p-b", true));
  }

  @Test
  void aRejoinedPrimaryDoesNotKeepWhatItsEarlierIncarnationOwned() throws Exception {
    registry().join("p-a", "a:1", LONG);
    VaultOwner before = registry().owner("v1");
    PrimaryLease again = registry().join("p-a", "a:2", LONG);
    assertThat(registry().primaries()).extracting(PrimaryStatus::vaults).containsExactly(0L);
    VaultOwner after = registry().owner("v1");
    assertThat(after.primary()).isEqualTo("p-a");
    assertThat(after.rpcAddress()).isEqualTo("a:2");
    assertThat(after.epoch()).isGreaterThan(again.epoch()).isGreaterThan(before.epoch());
  }

  @Test
  void leaveLetsOthersTakeOverAtOnce() throws Exception {
    PrimaryLease a = registry().join("p-a", "a:1", LONG);
    registry().owner("v1");
    registry().join("p-b", "b:1", LONG);
    registry().leave(a);
    assertThat(registry().renew(a)).isFalse();
    assertThat(registry().owner("v1").primary()).isEqualTo("p-b");
  }

  @Test
  void moveGivesTheVaultToTheNamedPrimaryWithAHigherEpoch() throws Exception {
    registry().join("p-a", "a:1", LONG);
    PrimaryLease b = registry().join("p-b", "b:1", LONG);
    VaultOwner before = registry().owner("v1");
    String other = before.primary().equals("p-a") ? "p-b" : "p-a";
    VaultOwner moved = registry().move("v1", other);
    assertThat(moved.primary()).isEqualTo(other);
    assertThat(moved.epoch()).isGreaterThan(before.epoch());
    assertThat(registry().owner("v1")).isEqualTo(moved);
    assertThatThrownBy(() -> registry().move("v1", "nobody"))
        .isInstanceOf(DirectoryException.class)
        .hasMessage("no primary of that name has joined the cluster");
    registry().leave(b);
    assertThatThrownBy(() -> registry().move("v1", "p-b"))
        .isInstanceOf(NoLivePrimaryException.class);
  }

  @Test
  void inputIsChecked() {
    assertThatThrownBy(() -> registry().join("bad name", "a:1", LONG))
        .isInstanceOf(DirectoryException.class);
    assertThatThrownBy(() -> registry().join("p", "x".repeat(301), LONG))
        .isInstanceOf(DirectoryException.class);
    assertThatThrownBy(() -> registry().join("p", "a:1", Duration.ZERO))
        .isInstanceOf(DirectoryException.class);
    assertThatThrownBy(() -> registry().owner("../etc")).isInstanceOf(DirectoryException.class);
  }
}
