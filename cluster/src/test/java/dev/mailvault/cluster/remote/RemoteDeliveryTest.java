package dev.mailvault.cluster.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.cluster.rpc.RpcUnavailableException;
import dev.mailvault.core.access.MailDelivery.Incoming;
import dev.mailvault.core.access.MailboxAccess;
import dev.mailvault.core.access.VaultEvent;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.core.outbound.DsnNotify;
import dev.mailvault.core.outbound.DsnReturn;
import dev.mailvault.core.outbound.OutboundMessage;
import dev.mailvault.core.outbound.OutboundRecipient;
import dev.mailvault.core.quota.OverQuotaException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deliveries and the outbox through {@link RemoteMailDelivery} and {@link RemoteOutbox} to
 * primaries on a real vault store and spool: live into an open vault, sealed into the spool
 * otherwise, one call per owner, re-routed when a primary no longer owns a vault.
 */
class RemoteDeliveryTest {

  private static final Instant ARRIVAL = Instant.parse("2024-03-05T06:07:08Z");

  @TempDir Path dir;

  private Storage storage;
  private final Set<String> notOwnedByA = ConcurrentHashMap.newKeySet();
  private final Storage.RecordingOutbox outboxB = new Storage.RecordingOutbox();
  private LoopbackRpc toA;
  private LoopbackRpc toB;
  private TestRouter router;
  private RemoteMailDelivery delivery;

  @BeforeEach
  void setUp() {
    storage = new Storage(dir);
    toA = new LoopbackRpc("primary-a", storage.primary(v -> !notOwnedByA.contains(v)));
    toB = new LoopbackRpc("primary-b", storage.primary(v -> true, outboxB));
    router = new TestRouter(toA);
    delivery = new RemoteMailDelivery(router);
  }

  @AfterEach
  void tearDown() throws Exception {
    storage.close();
    toA.close();
    toB.close();
  }

  private static Incoming incoming(int n) {
    return new Incoming(
        Messages.text(n, "Delivery " + n, null),
        ARRIVAL,
        "sender@example.org",
        List.of("rcpt@example.net"));
  }

  @Test
  void aMessageForAnOpenSessionLandsLiveAndItsListenerHearsIt() throws Exception {
    Storage.Alias alias = storage.alias();
    MailboxAccess session = storage.openRemote(new RemoteMailAccess(router), alias);
    List<VaultEvent> heard = new CopyOnWriteArrayList<>();
    session.addListener(heard::add);

    delivery.deliver(incoming(1), List.of(alias.recipient()));

    session.awaitEvents();
    assertThat(heard).singleElement().isInstanceOf(VaultEvent.MessagesAdded.class);
    assertThat(storage.spool.list(alias.vaultId())).isEmpty();
    assertThat(session.fetch("INBOX", session.uids("INBOX")[0]))
        .isEqualTo(Messages.text(1, "Delivery 1", null));
  }

  @Test
  void aMessageForAClosedVaultIsSealedIntoTheSpoolAndDrainedAtTheNextOpen() throws Exception {
    Storage.Alias alias = storage.alias();

    delivery.deliver(incoming(2), List.of(alias.recipient()));

    assertThat(storage.spool.list(alias.vaultId())).hasSize(1);
    MailboxAccess session = storage.openRemote(new RemoteMailAccess(router), alias);
    assertThat(session.messages("INBOX", UidSet.all())).hasSize(1);
    assertThat(storage.spool.list(alias.vaultId())).isEmpty();
  }

  @Test
  void recipientsOfTwoOwnersGetOneCallEach() throws Exception {
    Storage.Alias onA = storage.alias();
    Storage.Alias onB = storage.alias();
    Storage.Alias alsoOnA = storage.alias();
    router.place(onB.vaultId(), toB);
    int callsA = toA.calls.get();
    int callsB = toB.calls.get();

    delivery.deliver(incoming(3), List.of(onA.recipient(), onB.recipient(), alsoOnA.recipient()));

    assertThat(toA.calls.get() - callsA).isEqualTo(1);
    assertThat(toB.calls.get() - callsB).isEqualTo(1);
    for (Storage.Alias alias : List.of(onA, onB, alsoOnA)) {
      assertThat(storage.spool.list(alias.vaultId())).hasSize(1);
    }
  }

  @Test
  void oneOwnerRefusingOverQuotaIsTheLocalRefusalAndNothingIsKept() throws Exception {
    Storage.Alias roomy = storage.alias();
    Storage.Alias full = storage.alias(100);

    assertThatThrownBy(
            () -> delivery.deliver(incoming(4), List.of(roomy.recipient(), full.recipient())))
        .isInstanceOfSatisfying(
            OverQuotaException.class, e -> assertThat(e.scope()).isEqualTo("alias.bytes"));
    assertThat(storage.spool.list(roomy.vaultId())).isEmpty();
  }

  @Test
  void aLaterOwnerFailingAfterAnEarlierAcceptedIsATemporaryFailure() throws Exception {
    Storage.Alias onA = storage.alias();
    Storage.Alias fullOnB = storage.alias(100);
    router.place(fullOnB.vaultId(), toB);

    assertThatThrownBy(
            () -> delivery.deliver(incoming(5), List.of(onA.recipient(), fullOnB.recipient())))
        .isInstanceOf(RpcUnavailableException.class);
    // the first owner's recipient has it: a retry by the client duplicates it there (ADR 0279)
    assertThat(storage.spool.list(onA.vaultId())).hasSize(1);
    assertThat(storage.spool.list(fullOnB.vaultId())).isEmpty();
  }

  @Test
  void aPrimaryThatNoLongerOwnsTheVaultRefusesAndTheDeliveryIsRoutedToTheOwner() throws Exception {
    Storage.Alias alias = storage.alias();
    router.route(alias.vaultId()); // cached: A
    notOwnedByA.add(alias.vaultId());
    router.place(alias.vaultId(), toB);
    int callsB = toB.calls.get();

    delivery.deliver(incoming(6), List.of(alias.recipient()));

    assertThat(router.invalidated).containsExactly(alias.vaultId());
    assertThat(toB.calls.get() - callsB).isEqualTo(1);
    assertThat(storage.spool.list(alias.vaultId())).hasSize(1);
  }

  @Test
  void aPrimaryDownIsATemporaryFailure() throws Exception {
    Storage.Alias alias = storage.alias();
    toA.down();
    assertThatThrownBy(() -> delivery.deliver(incoming(7), List.of(alias.recipient())))
        .isInstanceOf(RpcUnavailableException.class);
    assertThat(router.invalidated).containsExactly(alias.vaultId());
  }

  private static OutboundMessage outbound(String to) {
    return new OutboundMessage(
        "owner@example.org",
        "owner@example.org",
        List.of(
            new OutboundRecipient(
                to, Set.of(DsnNotify.FAILURE, DsnNotify.DELAY), Optional.of("rfc822;" + to))),
        Messages.text(9, "Out", null),
        ARRIVAL,
        Optional.of("env-1"),
        DsnReturn.HEADERS,
        true,
        false,
        true);
  }

  /** ADR 0240: forwarded copies reach the queue as they came, past the signing outbox. */
  @Test
  void theAsIsOutboxReachesThePrimarysQueueNotItsSigningOutbox() throws Exception {
    Storage.RecordingOutbox signed = new Storage.RecordingOutbox();
    Storage.RecordingOutbox asIs = new Storage.RecordingOutbox();
    try (LoopbackRpc toC = new LoopbackRpc("primary-c", storage.primary(v -> true, signed, asIs))) {
      router.any = toC;
      RemoteOutbox.asIs(router).submit(outbound("forwarded@example.com"));
      String held = RemoteOutbox.asIs(router).prepare(outbound("held@example.com"));
      new RemoteOutbox(router).submit(outbound("submitted@example.com"));

      assertThat(asIs.submitted)
          .singleElement()
          .usingRecursiveComparison()
          .isEqualTo(outbound("forwarded@example.com"));
      assertThat(asIs.held).containsOnlyKeys(held);
      assertThat(signed.submitted)
          .singleElement()
          .usingRecursiveComparison()
          .isEqualTo(outbound("submitted@example.com"));
    }
  }

  @Test
  void theOutboxQueuesOnAPrimaryAndCommitsOnTheOneThatPrepared() throws Exception {
    RemoteOutbox outbox = new RemoteOutbox(router);
    assertThat(outbox.submit(outbound("far@example.com"))).isEqualTo("q1");
    assertThat(storage.outbox.submitted)
        .singleElement()
        .usingRecursiveComparison()
        .isEqualTo(outbound("far@example.com"));

    String held = outbox.prepare(outbound("held@example.com"));
    router.any = toB;
    outbox.commit(held);
    assertThat(storage.outbox.committed).containsExactly(held);
    assertThat(outboxB.committed).isEmpty();

    String abandoned = outbox.prepare(outbound("gone@example.com"));
    outbox.abandon(abandoned);
    assertThat(outboxB.held).isEmpty();
    assertThatThrownBy(() -> outbox.commit(abandoned)).hasMessageContaining("no prepared message");
  }
}
