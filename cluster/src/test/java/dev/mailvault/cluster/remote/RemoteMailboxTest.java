package dev.mailvault.cluster.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.cluster.rpc.RpcUnavailableException;
import dev.mailvault.core.access.FlagUpdate;
import dev.mailvault.core.access.FolderExistsException;
import dev.mailvault.core.access.FolderNotFoundException;
import dev.mailvault.core.access.FolderOperationRefusedException;
import dev.mailvault.core.access.InvalidFolderNameException;
import dev.mailvault.core.access.MailboxAccess;
import dev.mailvault.core.access.MessageNotFoundException;
import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.access.SearchPatternException;
import dev.mailvault.core.access.SearchQuery;
import dev.mailvault.core.access.SortCriterion;
import dev.mailvault.core.access.ThreadAlgorithm;
import dev.mailvault.core.access.VaultEvent;
import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.SystemFlag;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.core.quota.OverQuotaException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session's mailbox through {@link RemoteMailboxAccess}, {@link LoopbackRpc} and {@link
 * PrimaryService} on a real vault store: every answer equals the local store's, failures are the
 * same exception types, events arrive in order, and a lost connection or owner fails a write
 * cleanly and re-opens for a read.
 */
class RemoteMailboxTest {

  private static final Instant DATE = Instant.parse("2024-03-05T06:07:08Z");

  @TempDir java.nio.file.Path dir;

  private Storage storage;
  private final Set<String> notOwnedByA = ConcurrentHashMap.newKeySet();
  private LoopbackRpc toA;
  private LoopbackRpc toB;
  private TestRouter router;
  private RemoteMailAccess remote;

  @BeforeEach
  void setUp() {
    storage = new Storage(dir);
    toA = new LoopbackRpc("primary-a", storage.primary(v -> !notOwnedByA.contains(v)));
    toB = new LoopbackRpc("primary-b", storage.primary(v -> true));
    router = new TestRouter(toA);
    remote = new RemoteMailAccess(router);
  }

  @AfterEach
  void tearDown() throws Exception {
    storage.close();
    toA.close();
    toB.close();
  }

  private static NewMessage message(int n, String subject, String inReplyTo, Flags flags) {
    return new NewMessage(Messages.text(n, subject, inReplyTo), flags, DATE.plusSeconds(n * 3600L));
  }

  @Test
  void everyReadAnswersAsTheLocalStoreDoesAfterWritesThroughTheRemote() throws Exception {
    Storage.Alias alias = storage.alias();
    MailboxAccess r = storage.openRemote(remote, alias);
    MailboxAccess l = storage.openLocal(alias);

    assertThat(r.id()).isEqualTo(alias.vaultId());
    assertThat(r.createFolder("Work", null)).isEqualTo(l.folder("Work"));
    r.createFolder("Projects", "\\Archive");
    r.createFolder("Old/Sub", null);
    List<Long> appended = new ArrayList<>();
    for (int n = 1; n <= 6; n++) {
      Flags flags = n % 2 == 0 ? Flags.of(SystemFlag.SEEN).withKeywords("$Work") : Flags.NONE;
      var result =
          r.append(
              "INBOX", message(n, "Lighthouse " + (n % 3), n > 3 ? "m1@example.org" : null, flags));
      appended.add(result.uid());
      assertThat(l.messages("INBOX", UidSet.of(result.uid())))
          .singleElement()
          .satisfies(m -> assertThat(m.modseq()).isEqualTo(result.modseq()));
    }
    assertThat(
            r.appendAll(
                "Work",
                List.of(message(7, "a", null, Flags.NONE), message(8, "b", null, Flags.NONE))))
        .hasSize(2);
    long beforeStores = l.folder("INBOX").highestModseq();
    assertThat(
            r.storeFlags("INBOX", UidSet.range(1, 2), FlagUpdate.add(Flags.of(SystemFlag.FLAGGED))))
        .isEqualTo(
            l.messages("INBOX", UidSet.range(1, 2)).stream()
                .map(
                    m -> new dev.mailvault.core.access.MessageFlags(m.uid(), m.flags(), m.modseq()))
                .toList());
    var conditional =
        r.storeFlags(
            "INBOX",
            UidSet.range(1, 3),
            FlagUpdate.add(Flags.NONE.withKeywords("Later")),
            beforeStores);
    assertThat(conditional.modified()).containsExactly(1L, 2L);
    assertThat(r.copy("INBOX", UidSet.range(1, 3), "Projects").destinationUids()).hasSize(3);
    assertThat(r.move("INBOX", UidSet.of(4), "Work").sourceUids()).containsExactly(4L);
    r.storeFlags("INBOX", UidSet.of(5), FlagUpdate.add(Flags.of(SystemFlag.DELETED)));
    assertThat(r.expunge("INBOX").uids()).containsExactly(5L);
    r.storeFlags("Projects", UidSet.all(), FlagUpdate.add(Flags.of(SystemFlag.DELETED)));
    assertThat(r.expunge("Projects", UidSet.of(1)).uids()).containsExactly(1L);
    r.subscribe("Work");
    r.subscribe("Projects");
    assertThat(r.unsubscribe("Projects")).isTrue();
    r.renameFolder("Old/Sub", "Old/Renamed");
    r.deleteFolder("Old/Renamed");

    assertThat(r.listFolders()).isEqualTo(l.listFolders());
    assertThat(r.subscriptions()).isEqualTo(l.subscriptions());
    SearchQuery query =
        new SearchQuery.And(
            List.of(
                new SearchQuery.Or(
                    List.of(
                        new SearchQuery.Header("Subject", "lighthouse"),
                        new SearchQuery.Not(new SearchQuery.Flag(SystemFlag.SEEN, true)))),
                new SearchQuery.InternalDate(
                    SearchQuery.DateRelation.SINCE, LocalDate.of(2024, 1, 1)),
                new SearchQuery.Size(true, 10)));
    List<SearchQuery> queries =
        List.of(
            query,
            new SearchQuery.All(),
            new SearchQuery.Text("tender"),
            new SearchQuery.Body("number 3"),
            new SearchQuery.Keyword("$Work", true),
            new SearchQuery.Regex(SearchQuery.RegexTarget.HEADER, "Subject", "house [12]"),
            new SearchQuery.ModSeq(beforeStores),
            new SearchQuery.SentDate(SearchQuery.DateRelation.BEFORE, LocalDate.of(2023, 1, 4)),
            new SearchQuery.Uids(UidSet.range(2, 6)));
    List<SortCriterion> criteria =
        List.of(
            new SortCriterion(SortCriterion.Key.SUBJECT, false),
            new SortCriterion(SortCriterion.Key.DATE, true));
    for (String folder : List.of("INBOX", "Work", "Projects")) {
      assertThat(r.folder(folder)).isEqualTo(l.folder(folder));
      assertThat(r.uids(folder)).isEqualTo(l.uids(folder));
      assertThat(r.messages(folder, UidSet.all())).isEqualTo(l.messages(folder, UidSet.all()));
      assertThat(r.messages(folder, UidSet.all(), false))
          .isEqualTo(l.messages(folder, UidSet.all(), false));
      assertThat(r.changedSince(folder, UidSet.all(), beforeStores, true))
          .isEqualTo(l.changedSince(folder, UidSet.all(), beforeStores, true));
      assertThat(r.expungedSince(folder, 1)).isEqualTo(l.expungedSince(folder, 1));
      assertThat(r.uidNextAt(folder, beforeStores)).isEqualTo(l.uidNextAt(folder, beforeStores));
      assertThat(r.uidNextAt(folder, 0)).isEqualTo(l.uidNextAt(folder, 0));
      assertThat(r.keywords(folder)).isEqualTo(l.keywords(folder));
      assertThat(r.firstUnseen(folder)).isEqualTo(l.firstUnseen(folder));
      for (SearchQuery q : queries) {
        assertThat(r.search(folder, q)).isEqualTo(l.search(folder, q));
        assertThat(r.sort(folder, criteria, q)).isEqualTo(l.sort(folder, criteria, q));
        for (ThreadAlgorithm algorithm : ThreadAlgorithm.values()) {
          assertThat(r.thread(folder, algorithm, q)).isEqualTo(l.thread(folder, algorithm, q));
        }
      }
      List<Long> uids = new ArrayList<>();
      for (long uid : l.uids(folder)) {
        uids.add(uid);
        assertThat(r.fetch(folder, uid)).isEqualTo(l.fetch(folder, uid));
        assertThat(r.fetchRange(folder, uid, 7, 40)).isEqualTo(l.fetchRange(folder, uid, 7, 40));
        for (String section :
            List.of("HEADER", "TEXT", "1", "2", "2.MIME", "HEADER.FIELDS (SUBJECT)")) {
          assertThat(new String(r.fetchSection(folder, uid, section), StandardCharsets.ISO_8859_1))
              .isEqualTo(
                  new String(l.fetchSection(folder, uid, section), StandardCharsets.ISO_8859_1));
        }
      }
      uids.add(99_999L);
      assertThat(r.fetchSections(folder, uids, List.of("HEADER", "1")))
          .usingRecursiveComparison()
          .isEqualTo(l.fetchSections(folder, uids, List.of("HEADER", "1")));
    }
    assertThat(r.uids("INBOX")).isNotEmpty();
  }

  @Test
  void failuresAreTheExceptionsTheLocalStoreThrows() throws Exception {
    Storage.Alias alias = storage.alias(60_000);
    MailboxAccess r = storage.openRemote(remote, alias);
    MailboxAccess l = storage.openLocal(alias);
    r.append("INBOX", message(1, "one", null, Flags.NONE));

    assertThatThrownBy(() -> r.folder("Nope")).isInstanceOf(FolderNotFoundException.class);
    assertThatThrownBy(() -> r.createFolder("INBOX", null))
        .isInstanceOf(FolderExistsException.class);
    assertThatThrownBy(() -> r.createFolder("a//b", null))
        .isInstanceOf(InvalidFolderNameException.class)
        .hasMessage(messageOf(() -> l.createFolder("a//b", null)));
    assertThatThrownBy(() -> r.deleteFolder("INBOX"))
        .isInstanceOf(FolderOperationRefusedException.class)
        .hasMessage(messageOf(() -> l.deleteFolder("INBOX")));
    assertThatThrownBy(() -> r.fetch("INBOX", 42))
        .isInstanceOfSatisfying(
            MessageNotFoundException.class, e -> assertThat(e.uid()).isEqualTo(42));
    SearchQuery badRegex = new SearchQuery.Regex(SearchQuery.RegexTarget.BODY, "", "(");
    assertThatThrownBy(() -> r.search("INBOX", badRegex))
        .isInstanceOf(SearchPatternException.class)
        .hasMessage(messageOf(() -> l.search("INBOX", badRegex)));
    assertThatThrownBy(() -> r.fetchRange("INBOX", 1, -1, 3))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] big = new byte[70_000];
    java.util.Arrays.fill(big, (byte) 'a');
    assertThatThrownBy(() -> r.append("INBOX", new NewMessage(big, Flags.NONE, DATE)))
        .isInstanceOfSatisfying(
            OverQuotaException.class,
            e -> {
              assertThat(e.scope()).isEqualTo("alias.bytes");
              assertThat(e.getMessage()).isEqualTo("mailbox is over its storage quota");
            });
  }

  private interface Op {
    void run() throws Exception;
  }

  private static String messageOf(Op op) {
    try {
      op.run();
    } catch (Exception e) {
      return e.getMessage();
    }
    throw new AssertionError("the local store did not refuse");
  }

  @Test
  void awaitEventsHearsEveryChangeAnotherHandleCommittedInOrder() throws Exception {
    Storage.Alias alias = storage.alias();
    MailboxAccess r = storage.openRemote(remote, alias);
    MailboxAccess other = storage.openRemote(remote, alias);
    List<VaultEvent> heard = new CopyOnWriteArrayList<>();
    r.addListener(heard::add);
    for (int n = 1; n <= 20; n++) {
      long uid = other.append("INBOX", message(n, "s", null, Flags.NONE)).uid();
      other.storeFlags("INBOX", UidSet.of(uid), FlagUpdate.add(Flags.of(SystemFlag.SEEN)));
      r.awaitEvents();
      // no waiting beyond awaitEvents: the pushes were queued before its answer
      assertThat(heard).hasSize(2 * n);
      assertThat(heard.get(2 * n - 2))
          .isInstanceOfSatisfying(
              VaultEvent.MessagesAdded.class, e -> assertThat(e.uids()).containsExactly(uid));
      assertThat(heard.get(2 * n - 1)).isInstanceOf(VaultEvent.FlagsChanged.class);
    }
    other.createFolder("Work", null);
    r.awaitEvents();
    assertThat(heard.get(heard.size() - 1)).isEqualTo(new VaultEvent.FolderCreated("Work"));
  }

  @Test
  void aWriteInFlightWhenTheConnectionDropsFailsAndTheNextReadReopensOnce() throws Exception {
    Storage.Alias alias = storage.alias();
    GatedService gated = new GatedService(storage.primary(v -> true), "mbx.append");
    try (LoopbackRpc channel = new LoopbackRpc("primary-g", gated)) {
      TestRouter gatedRouter = new TestRouter(channel);
      MailboxAccess r = storage.openRemote(new RemoteMailAccess(gatedRouter), alias);
      List<VaultEvent> heard = new CopyOnWriteArrayList<>();
      r.addListener(heard::add);
      r.append("INBOX", message(1, "before", null, Flags.NONE));

      gated.arm();
      var failure = new java.util.concurrent.CompletableFuture<Throwable>();
      Thread writer =
          new Thread(
              () -> {
                try {
                  r.append("INBOX", message(2, "lost answer", null, Flags.NONE));
                  failure.complete(null);
                } catch (Throwable t) {
                  failure.complete(t);
                }
              });
      writer.start();
      gated.awaitEntered();
      channel.disconnect();
      assertThat(failure.get()).isInstanceOf(RpcUnavailableException.class);
      gated.release();
      assertThat(gatedRouter.invalidated).contains(alias.vaultId());

      assertThat(r.uids("INBOX")).contains(1L);
      r.awaitEvents();
      assertThat(heard.stream().filter(e -> e instanceof VaultEvent.VaultReplaced)).hasSize(1);
      assertThat(r.folder("INBOX").messages()).isPositive();
      assertThat(heard.stream().filter(e -> e instanceof VaultEvent.VaultReplaced)).hasSize(1);

      // events flow again on the new handle
      storage.openLocal(alias).append("INBOX", message(3, "after", null, Flags.NONE));
      r.awaitEvents();
      assertThat(heard.get(heard.size() - 1)).isInstanceOf(VaultEvent.MessagesAdded.class);
    }
  }

  @Test
  void aPrimaryDownFailsReadsAndWritesAsUnavailable() throws Exception {
    Storage.Alias alias = storage.alias();
    MailboxAccess r = storage.openRemote(remote, alias);
    toA.down();
    assertThatThrownBy(() -> r.listFolders()).isInstanceOf(RpcUnavailableException.class);
    assertThatThrownBy(() -> r.createFolder("X", null)).isInstanceOf(RpcUnavailableException.class);
    toA.up();
    assertThat(r.listFolders()).isNotEmpty();
  }

  @Test
  void aPrimaryThatNoLongerOwnsTheVaultSendsReadsToTheNewOwnerAndRefusesWrites() throws Exception {
    Storage.Alias alias = storage.alias();
    MailboxAccess r = storage.openRemote(remote, alias);
    List<VaultEvent> heard = new CopyOnWriteArrayList<>();
    r.addListener(heard::add);
    var before = r.listFolders();
    int callsOnB = toB.calls.get();

    notOwnedByA.add(alias.vaultId());
    router.place(alias.vaultId(), toB);
    assertThat(r.listFolders()).isEqualTo(before);
    assertThat(toB.calls.get()).isGreaterThan(callsOnB);
    assertThat(router.invalidated).containsExactly(alias.vaultId());
    assertThat(heard).containsExactly(new VaultEvent.VaultReplaced());

    var toC = new LoopbackRpc("primary-c", storage.primary(v -> false));
    // a primary refusing the open refuses the mailbox as unavailable
    assertThatThrownBy(
            () ->
                new RemoteMailAccess(new TestRouter(toC))
                    .open(
                        alias.vaultId(),
                        dev.mailvault.core.crypto.SecretBytes.copyOf(alias.key()),
                        alias.spoolKeys().privateKey(),
                        null))
        .isInstanceOf(RpcUnavailableException.class);
    toC.close();
  }

  @Test
  void aWriteRefusedAsNotOwnerFailsAsUnavailable() throws Exception {
    Storage.Alias alias = storage.alias();
    MailboxAccess r = storage.openRemote(remote, alias);
    notOwnedByA.add(alias.vaultId());
    router.place(alias.vaultId(), toB);
    assertThatThrownBy(() -> r.createFolder("Z", null)).isInstanceOf(RpcUnavailableException.class);
    assertThat(storage.openLocal(alias).listFolders()).noneMatch(f -> f.name().equals("Z"));
    // the next call opens on the new owner
    assertThat(r.createFolder("Z", null).name()).isEqualTo("Z");
  }

  @Test
  void closingReleasesTheHandleOnThePrimaryAndADisconnectReleasesAll() throws Exception {
    Storage.Alias alias = storage.alias();
    PrimaryService service = storage.primary(v -> true);
    try (LoopbackRpc channel = new LoopbackRpc("primary-h", service)) {
      RemoteMailAccess access = new RemoteMailAccess(new TestRouter(channel));
      MailboxAccess first = storage.openRemote(access, alias);
      MailboxAccess second = storage.openRemote(access, alias);
      second.addListener(e -> {});
      var peer = channel.currentPeer();
      assertThat(service.openHandles(peer)).isEqualTo(2);
      first.close();
      org.awaitility.Awaitility.await().until(() -> service.openHandles(peer) == 1);
      channel.disconnect();
      assertThat(service.openHandles(peer)).isZero();
      assertThat(storage.vaults.isOpen(alias.vaultId())).isFalse();
    }
  }
}
