package dev.mailvault.cluster.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.cluster.rpc.RpcUnavailableException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A front-end's named operations (ADR 0286): one about a vault runs on its owner only, and is
 * routed again once when the primary it reached no longer owns the vault; one about the primaries
 * runs on each live primary; a primary that offers none refuses cleanly.
 */
class RemoteOperationsTest {

  @TempDir Path dir;

  private Storage storage;
  private final Set<String> notOwnedByA = ConcurrentHashMap.newKeySet();
  private final List<String> ranOnA = new CopyOnWriteArrayList<>();
  private final List<String> ranOnB = new CopyOnWriteArrayList<>();
  private LoopbackRpc toA;
  private LoopbackRpc toB;
  private TestRouter router;

  @BeforeEach
  void setUp() {
    storage = new Storage(dir);
    toA =
        new LoopbackRpc(
            "primary-a", storage.primary(v -> !notOwnedByA.contains(v), echo(ranOnA, "a")));
    toB = new LoopbackRpc("primary-b", storage.primary(v -> true, echo(ranOnB, "b")));
    router = new TestRouter(toA);
  }

  @AfterEach
  void tearDown() throws Exception {
    toA.close();
    toB.close();
    storage.close();
  }

  /** Operations that record what they ran and answer with their primary's name. */
  private static PrimaryOperations echo(List<String> ran, String name) {
    return (scope, vaultId, request) -> {
      ran.add(scope + "(" + vaultId + ") " + new String(request, StandardCharsets.UTF_8));
      return (name + ":" + new String(request, StandardCharsets.UTF_8))
          .getBytes(StandardCharsets.UTF_8);
    };
  }

  @Test
  void aVaultsRequestRunsOnItsOwnerOnly() throws Exception {
    router.place("vault-b", toB);
    byte[] answer = new RemoteOperations(router).onOwner("vault-b", bytes("backup"));
    assertThat(new String(answer, StandardCharsets.UTF_8)).isEqualTo("b:backup");
    // the owner check passed, and the primary hears that it may run only a vault's operations
    assertThat(ranOnB).containsExactly("VAULT(vault-b) backup");
    assertThat(ranOnA).isEmpty();
  }

  @Test
  void aPrimaryThatNoLongerOwnsTheVaultRefusesBeforeRunningAndTheRequestIsRoutedAgain()
      throws Exception {
    notOwnedByA.add("moved");
    // The front-end's cache still says A; the placement table now says B.
    router.route("moved");
    router.place("moved", toB);
    byte[] answer = new RemoteOperations(router).onOwner("moved", bytes("restore"));
    assertThat(new String(answer, StandardCharsets.UTF_8)).isEqualTo("b:restore");
    assertThat(ranOnA).isEmpty();
    assertThat(router.invalidated).containsExactly("moved");
  }

  @Test
  void aVaultNobodyOwnsIsATemporaryFailureAfterOneMoreTry() {
    notOwnedByA.add("lost");
    assertThatThrownBy(() -> new RemoteOperations(router).onOwner("lost", bytes("x")))
        .isInstanceOf(RpcUnavailableException.class);
    assertThat(ranOnA).isEmpty();
    assertThat(router.invalidated).containsExactly("lost", "lost");
  }

  @Test
  void aPrimariesRequestRunsOnEachLivePrimary() throws Exception {
    router.live = List.of(toA, toB);
    List<byte[]> answers = new RemoteOperations(router).onEachPrimary(bytes("queue"));
    assertThat(answers)
        .extracting(a -> new String(a, StandardCharsets.UTF_8))
        .containsExactly("a:queue", "b:queue");
    assertThat(ranOnA).containsExactly("NODE() queue");
  }

  @Test
  void aLostPrimaryFailsTheWholeViewAsUnavailable() {
    router.live = List.of(toA, toB);
    toB.down();
    assertThatThrownBy(() -> new RemoteOperations(router).onEachPrimary(bytes("queue")))
        .isInstanceOf(RpcUnavailableException.class);
  }

  @Test
  void aPrimaryWithoutOperationsRefusesAsUnsupported() throws Exception {
    try (LoopbackRpc plain = new LoopbackRpc("plain", storage.primary(v -> true))) {
      router.place("v", plain);
      assertThatThrownBy(() -> new RemoteOperations(router).onOwner("v", bytes("x")))
          .isInstanceOf(UnsupportedOperationException.class);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
