package dev.mailvault.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mailvault.core.access.FlagUpdate;
import dev.mailvault.core.access.MailDelivery.Destination;
import dev.mailvault.core.access.MailDelivery.Filing;
import dev.mailvault.core.access.MailDelivery.Incoming;
import dev.mailvault.core.access.MailDelivery.Recipient;
import dev.mailvault.core.access.MessageMeta;
import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.access.VaultEvent;
import dev.mailvault.core.crypto.RandomIds;
import dev.mailvault.core.crypto.SecretBytes;
import dev.mailvault.core.crypto.SpoolKeyPair;
import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.SystemFlag;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.core.metrics.MailMetrics;
import dev.mailvault.core.metrics.MailMetrics.DeliveryOutcome;
import dev.mailvault.core.quota.OverQuotaException;
import dev.mailvault.store.spool.SpoolItem;
import dev.mailvault.store.spool.SpoolItemUnreadableException;
import dev.mailvault.store.spool.SpoolStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LocalDelivery} on real vault files and a real spool: live into an open vault, sealed into
 * the spool otherwise, all or none across recipients, and the quota counting spooled mail once.
 */
class LocalDeliveryTest {

  private static final String SENDER = "margarethe.sender@example.org";
  private static final String RECIPIENT = "bartholomew.rcpt@example.com";
  private static final String SUBJECT = "Confidential tender for the lighthouse";
  private static final String BODY = "The vault combination is written under the blue teapot.";
  private static final Instant ARRIVAL = Instant.parse("2024-03-05T06:07:08Z");

  @TempDir Path dir;

  private VaultStore vaults;
  private SpoolStore spool;
  private final Map<String, LimitLedger> ledgers = new HashMap<>();
  private final List<AutoCloseable> cleanup = new ArrayList<>();
  private LocalDelivery delivery;

  /** One alias: its vault (closed unless a test opens it), key, spool key pair and ledger. */
  private record Alias(String vaultId, byte[] key, SpoolKeyPair spoolKeys, LimitLedger ledger) {
    Recipient recipient() {
      return new Recipient(vaultId, spoolKeys.publicKey());
    }
  }

  @BeforeEach
  void setUp() {
    vaults = TestVaults.store(dir);
    spool = new SpoolStore(dir.resolve("spool"));
    delivery = new LocalDelivery(vaults, spool, ledgers::get);
  }

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable c : cleanup) {
      c.close();
    }
    vaults.close();
  }

  private Alias alias(long maxBytes) throws Exception {
    String vaultId = RandomIds.vaultId();
    byte[] key = TestVaults.randomKey();
    LimitLedger ledger = new LimitLedger(maxBytes, 1_000);
    ledgers.put(vaultId, ledger);
    vaults.create(vaultId, key, ledger).close();
    SpoolKeyPair keys = SpoolKeyPair.generate();
    cleanup.add(keys);
    return new Alias(vaultId, key, keys, ledger);
  }

  private Alias alias() throws Exception {
    return alias(10_000_000);
  }

  /** A session's handle, as LocalMailAccess hands it out at login. */
  private Vault login(Alias alias) throws Exception {
    Vault vault =
        (Vault)
            new LocalMailAccess(vaults, spool)
                .open(
                    alias.vaultId,
                    SecretBytes.copyOf(alias.key),
                    alias.spoolKeys.privateKey(),
                    alias.ledger);
    cleanup.add(vault);
    return vault;
  }

  private static byte[] raw() {
    return ("From: Margarethe <"
            + SENDER
            + ">\r\nTo: <"
            + RECIPIENT
            + ">\r\nSubject: "
            + SUBJECT
            + "\r\nMessage-ID: <tender-1@example.org>\r\n\r\n"
            + BODY
            + "\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static Incoming incoming() {
    return new Incoming(raw(), ARRIVAL, SENDER, List.of(RECIPIENT));
  }

  @Test
  void anAliasWithAnOpenVaultGetsTheMessageInInboxWithItsArrivalTime() throws Exception {
    Alias alice = alias();
    Vault session = login(alice);
    LinkedBlockingQueue<VaultEvent> events = new LinkedBlockingQueue<>();
    session.addListener(events::add);

    delivery.deliver(incoming(), List.of(alice.recipient()));

    long[] uids = session.uids("INBOX");
    assertThat(uids).hasSize(1);
    assertThat(session.fetch("INBOX", uids[0])).isEqualTo(raw());
    MessageMeta meta = session.messages("INBOX", UidSet.of(uids[0])).get(0);
    assertThat(meta.internalDate()).isEqualTo(ARRIVAL);
    assertThat(spool.list(alice.vaultId)).isEmpty();
    VaultEvent event = events.poll(5, TimeUnit.SECONDS);
    assertThat(event).isInstanceOf(VaultEvent.MessagesAdded.class);
    assertThat(((VaultEvent.MessagesAdded) event).uids()).containsExactly(uids[0]);
    assertThat(alice.ledger.bytes()).isEqualTo(raw().length);
    assertThat(alice.ledger.messages()).isEqualTo(1);
  }

  @Test
  void anOfflineAliasGetsASealedSpoolItemThatShowsNothingOfTheMessage() throws Exception {
    Alias bob = alias();

    delivery.deliver(incoming(), List.of(bob.recipient()));

    List<String> items = spool.list(bob.vaultId);
    assertThat(items).hasSize(1);
    assertThat(vaults.isOpen(bob.vaultId)).isFalse();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir.resolve("spool"))) {
      files = walk.toList();
    }
    for (Path file : files) {
      String name = file.getFileName().toString();
      for (String secret : List.of(SENDER, RECIPIENT, SUBJECT, BODY, "margarethe", "lighthouse")) {
        assertThat(name).doesNotContainIgnoringCase(secret);
        if (Files.isRegularFile(file)) {
          assertThat(indexOf(Files.readAllBytes(file), secret.getBytes(StandardCharsets.US_ASCII)))
              .as("%s in %s", secret, name)
              .isNegative();
        }
      }
    }
    try (SpoolKeyPair stranger = SpoolKeyPair.generate()) {
      assertThatThrownBy(() -> spool.open(bob.vaultId, items.get(0), stranger.privateKey()))
          .isInstanceOf(SpoolItemUnreadableException.class);
    }
    SpoolItem opened = spool.open(bob.vaultId, items.get(0), bob.spoolKeys.privateKey());
    assertThat(opened.raw()).isEqualTo(raw());
    assertThat(opened.arrival()).isEqualTo(ARRIVAL);
    assertThat(opened.mailFrom()).isEqualTo(SENDER);
    assertThat(opened.rcptTo()).containsExactly(RECIPIENT);

    // The next login drains it into INBOX with the original arrival time.
    Vault session = login(bob);
    long[] uids = session.uids("INBOX");
    assertThat(uids).hasSize(1);
    assertThat(session.messages("INBOX", UidSet.of(uids)).get(0).internalDate()).isEqualTo(ARRIVAL);
    assertThat(spool.list(bob.vaultId)).isEmpty();
  }

  @Test
  void aQuarantinedMessageGoesToJunkForAnOpenVaultAndThroughTheSpool() throws Exception {
    Alias live = alias();
    Alias offline = alias();
    Vault session = login(live);
    // The live vault has lost its Junk folder: the delivery makes one with the special use.
    session.deleteFolder("Junk");
    Incoming quarantined =
        new Incoming(raw(), ARRIVAL, SENDER, List.of(RECIPIENT), Destination.JUNK);

    delivery.deliver(quarantined, List.of(live.recipient(), offline.recipient()));

    long[] junk = session.uids("Junk");
    assertThat(junk).hasSize(1);
    assertThat(session.fetch("Junk", junk[0])).isEqualTo(raw());
    assertThat(session.messages("Junk", UidSet.of(junk)).get(0).internalDate()).isEqualTo(ARRIVAL);
    assertThat(session.folder("Junk").specialUse()).isEqualTo("\\Junk");
    assertThat(session.uids("INBOX")).isEmpty();
    assertThat(live.ledger.bytes()).isEqualTo(raw().length);
    assertThat(spool.list(offline.vaultId)).hasSize(1);
    assertThat(offline.ledger.bytes()).isEqualTo(raw().length);

    Vault later = login(offline);
    long[] drained = later.uids("Junk");
    assertThat(drained).hasSize(1);
    assertThat(later.fetch("Junk", drained[0])).isEqualTo(raw());
    assertThat(later.messages("Junk", UidSet.of(drained)).get(0).internalDate()).isEqualTo(ARRIVAL);
    assertThat(later.uids("INBOX")).isEmpty();
    assertThat(spool.list(offline.vaultId)).isEmpty();
    assertThat(offline.ledger.bytes()).isEqualTo(raw().length);
    assertThat(offline.ledger.messages()).isEqualTo(1);
  }

  @Test
  void aFailedQuarantinedDeliveryTakesItsCopyBackOutOfJunk() throws Exception {
    Alias live = alias();
    Alias broken = alias();
    Vault session = login(live);
    // A plain file where the broken alias's spool folder belongs: its put fails with an I/O error.
    Files.createDirectories(dir.resolve("spool"));
    Files.write(spool.folderOf(broken.vaultId), new byte[] {1});
    Incoming quarantined =
        new Incoming(raw(), ARRIVAL, SENDER, List.of(RECIPIENT), Destination.JUNK);

    assertThatThrownBy(
            () -> delivery.deliver(quarantined, List.of(live.recipient(), broken.recipient())))
        .isInstanceOf(DeliveryFailedException.class);

    assertThat(session.folder("Junk").messages()).isZero();
    assertThat(session.uids("INBOX")).isEmpty();
    assertThat(live.ledger.bytes()).isZero();
    assertThat(live.ledger.messages()).isZero();
  }

  @Test
  void sieveCopiesGoLiveIntoTheirFoldersWithFlagsAndEachCopyCountsTowardTheQuota()
      throws Exception {
    Alias erin = alias();
    Vault session = login(erin);
    Flags seen = Flags.of(SystemFlag.SEEN).withKeywords("$Label1");
    Recipient filed =
        new Recipient(
            erin.vaultId,
            erin.spoolKeys.publicKey(),
            List.of(new Filing(Optional.of("Tenders"), true, seen), Filing.DEFAULT));

    delivery.deliver(incoming(), List.of(filed));

    long[] tenders = session.uids("Tenders");
    assertThat(tenders).hasSize(1);
    assertThat(session.messages("Tenders", UidSet.of(tenders)).get(0).flags()).isEqualTo(seen);
    assertThat(session.uids("INBOX")).hasSize(1);
    assertThat(erin.ledger.bytes()).isEqualTo(2L * raw().length);
    assertThat(erin.ledger.messages()).isEqualTo(2);
  }

  @Test
  void aFailedDeliveryTakesBackEverySieveCopy() throws Exception {
    Alias frank = alias();
    Alias broken = alias();
    Vault session = login(frank);
    Files.createDirectories(dir.resolve("spool"));
    Files.write(spool.folderOf(broken.vaultId), new byte[] {1});
    Recipient twoCopies =
        new Recipient(
            frank.vaultId,
            frank.spoolKeys.publicKey(),
            List.of(new Filing(Optional.of("Tenders"), true, Flags.NONE), Filing.DEFAULT));

    assertThatThrownBy(() -> delivery.deliver(incoming(), List.of(twoCopies, broken.recipient())))
        .isInstanceOf(DeliveryFailedException.class);

    assertThat(session.folder("Tenders").messages()).isZero();
    assertThat(session.folder("INBOX").messages()).isZero();
    assertThat(frank.ledger.bytes()).isZero();
    assertThat(frank.ledger.messages()).isZero();
  }

  @Test
  void oneRecipientOverQuotaMeansNobodyGetsTheMessage() throws Exception {
    Alias live = alias();
    Alias offline = alias();
    Alias full = alias(raw().length - 1);
    Vault session = login(live);

    assertThatThrownBy(
            () ->
                delivery.deliver(
                    incoming(), List.of(live.recipient(), offline.recipient(), full.recipient())))
        .isInstanceOf(OverQuotaException.class);

    assertThat(session.uids("INBOX")).isEmpty();
    assertThat(spool.list(offline.vaultId)).isEmpty();
    assertThat(spool.list(full.vaultId)).isEmpty();
    for (Alias alias : List.of(live, offline, full)) {
      assertThat(alias.ledger.bytes()).isZero();
      assertThat(alias.ledger.messages()).isZero();
    }
  }

  @Test
  void eachRecipientsCopyIsCountedLiveSpooledOrRefusedAndVaultOpensAreCounted() throws Exception {
    List<String> counted = new CopyOnWriteArrayList<>();
    MailMetrics metrics =
        new MailMetrics() {
          @Override
          public void delivery(DeliveryOutcome outcome) {
            counted.add(outcome.name());
          }

          @Override
          public void vaultOpened() {
            counted.add("vault-opened");
          }
        };
    vaults.setMetrics(metrics);
    LocalDelivery counting = new LocalDelivery(vaults, spool, ledgers::get, metrics);
    Alias live = alias();
    Alias offline = alias();
    login(live);
    assertThat(counted).containsExactly("vault-opened");
    counted.clear();

    counting.deliver(incoming(), List.of(live.recipient(), offline.recipient()));
    assertThat(counted).containsExactlyInAnyOrder("LIVE", "SPOOL");

    counted.clear();
    Alias full = alias(raw().length - 1);
    assertThatThrownBy(
            () -> counting.deliver(incoming(), List.of(offline.recipient(), full.recipient())))
        .isInstanceOf(OverQuotaException.class);
    assertThat(counted).containsExactly("REFUSED", "REFUSED");
  }

  @Test
  void aFailedCopyTakesBackTheSpoolItemsAndAppendsAlreadyMade() throws Exception {
    Alias offline = alias();
    Alias live = alias();
    Alias broken = alias();
    Vault session = login(live);
    LinkedBlockingQueue<VaultEvent> events = new LinkedBlockingQueue<>();
    session.addListener(events::add);
    // A plain file where the broken alias's spool folder belongs: its put fails with an I/O error.
    Files.createDirectories(dir.resolve("spool"));
    Files.write(spool.folderOf(broken.vaultId), new byte[] {1});

    assertThatThrownBy(
            () ->
                delivery.deliver(
                    incoming(), List.of(offline.recipient(), live.recipient(), broken.recipient())))
        .isInstanceOf(DeliveryFailedException.class)
        .hasMessage("the message could not be stored, try again later");

    assertThat(spool.list(offline.vaultId)).isEmpty();
    assertThat(session.uids("INBOX")).isEmpty();
    assertThat(session.folder("INBOX").messages()).isZero();
    // The session saw the message come and go, as with any expunge.
    assertThat(events.poll(5, TimeUnit.SECONDS)).isInstanceOf(VaultEvent.MessagesAdded.class);
    assertThat(events.poll(5, TimeUnit.SECONDS)).isInstanceOf(VaultEvent.MessagesExpunged.class);
    for (Alias alias : List.of(offline, live, broken)) {
      assertThat(alias.ledger.bytes()).isZero();
      assertThat(alias.ledger.messages()).isZero();
    }
  }

  @Test
  void spooledBytesCountTowardTheQuotaAndTheDrainDoesNotCountThemAgain() throws Exception {
    int size = raw().length;
    Alias carol = alias(size * 2L + size / 2);

    delivery.deliver(incoming(), List.of(carol.recipient()));
    delivery.deliver(incoming(), List.of(carol.recipient()));
    assertThat(carol.ledger.bytes()).isEqualTo(2L * size);
    assertThat(carol.ledger.messages()).isEqualTo(2);
    // The third no longer fits beside the two waiting in the spool.
    assertThatThrownBy(() -> delivery.deliver(incoming(), List.of(carol.recipient())))
        .isInstanceOf(OverQuotaException.class);
    assertThat(spool.list(carol.vaultId)).hasSize(2);

    // A drain on a nearly full quota still succeeds, and the usage stays the same.
    Vault session = login(carol);
    assertThat(session.uids("INBOX")).hasSize(2);
    assertThat(spool.list(carol.vaultId)).isEmpty();
    assertThat(carol.ledger.bytes()).isEqualTo(2L * size);
    assertThat(carol.ledger.messages()).isEqualTo(2);

    // Expunging gives the room back, once.
    session.storeFlags("INBOX", UidSet.all(), FlagUpdate.add(Flags.of(SystemFlag.DELETED)));
    session.expunge("INBOX");
    assertThat(carol.ledger.bytes()).isZero();
    assertThat(carol.ledger.messages()).isZero();
  }

  @Test
  void aDrainInterruptedAfterItsCommitDoesNotCountTheMessageTwice() throws Exception {
    Alias dave = alias();
    delivery.deliver(incoming(), List.of(dave.recipient()));
    String item = spool.list(dave.vaultId).get(0);
    // A drain that committed the append and crashed before deleting the file.
    try (Vault direct = vaults.open(dave.vaultId, dave.key, dave.ledger)) {
      assertThat(direct.appendSpooled(item, "INBOX", new NewMessage(raw(), Flags.NONE, ARRIVAL)))
          .isPresent();
    }
    assertThat(spool.list(dave.vaultId)).containsExactly(item);

    Vault session = login(dave);

    assertThat(session.uids("INBOX")).hasSize(1);
    assertThat(spool.list(dave.vaultId)).isEmpty();
    assertThat(dave.ledger.bytes()).isEqualTo(raw().length);
    assertThat(dave.ledger.messages()).isEqualTo(1);
  }

  @Test
  void twoAddressesOfOneAliasGetOneCopy() throws Exception {
    Alias erin = alias();
    Vault session = login(erin);

    delivery.deliver(incoming(), List.of(erin.recipient(), erin.recipient()));

    assertThat(session.uids("INBOX")).hasSize(1);
    assertThat(erin.ledger.messages()).isEqualTo(1);
  }

  @Test
  void aLoginWaitsForADeliveryThatHoldsItsVaultsArrivalLock() throws Exception {
    Alias frank = alias();
    Thread login;
    try (ArrivalLocks.Held held = vaults.arrivals().lock(List.of(frank.vaultId))) {
      login =
          new Thread(
              () -> {
                try {
                  login(frank);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      login.start();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> vaults.arrivals().hasWaiters(frank.vaultId));
      assertThat(vaults.isOpen(frank.vaultId)).isFalse();
    }
    login.join(10_000);
    assertThat(login.isAlive()).isFalse();
    assertThat(vaults.isOpen(frank.vaultId)).isTrue();
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
