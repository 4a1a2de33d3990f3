package dev.mailvault.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.crypto.SpoolKeyPair;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.core.quota.QuotaLedger;
import dev.mailvault.core.testing.ManualClock;
import dev.mailvault.directory.ClusterRegistry;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.PrimaryLease;
import dev.mailvault.directory.jdbc.DirectoryOptions;
import dev.mailvault.directory.jdbc.SqliteDirectory;
import dev.mailvault.store.Vault;
import dev.mailvault.store.VaultFencedException;
import dev.mailvault.store.VaultNotOwnedException;
import dev.mailvault.store.VaultStore;
import dev.mailvault.store.VaultStoreConfig;
import dev.mailvault.store.spool.SpoolFencedException;
import dev.mailvault.store.spool.SpoolItem;
import dev.mailvault.store.spool.SpoolStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A primary's lease keeper on a real embedded directory (its clock a {@link ManualClock}) and real
 * vault files; the monotonic ticker is the test's, and renewal turns are taken by the test.
 */
class LeaseKeeperTest {

  private static final Duration LEASE = Duration.ofHours(1);

  @TempDir Path data;
  private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T08:00:00Z"));
  private final AtomicLong ticks = new AtomicLong();
  private final byte[] key = new byte[32];
  private Directory directory;
  private ClusterRegistry registry;
  private VaultStore vaults;
  private SpoolStore spool;

  @BeforeEach
  void open() throws Exception {
    new SecureRandom().nextBytes(key);
    directory =
        SqliteDirectory.open(
            data.resolve("dir"), Optional.empty(), DirectoryOptions.defaults().withClock(clock));
    registry = directory.clusterRegistry();
    vaults = store();
    spool = new SpoolStore(data.resolve("spool"));
  }

  @AfterEach
  void close() {
    vaults.close();
    spool.close();
    directory.close();
  }

  private VaultStore store() {
    return new VaultStore(VaultStoreConfig.defaults(data.resolve("vaults")));
  }

  private LeaseKeeper keeper(String name, VaultStore store, SpoolStore itsSpool) throws Exception {
    return LeaseKeeper.start(
        registry, name, "127.0.0.1:7443", LEASE, store, itsSpool, ticks::get, false);
  }

  private static NewMessage message(String id) {
    return NewMessage.of(
        ("Message-ID: <" + id + ">\r\nSubject: s\r\n\r\nbody\r\n")
            .getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void aLapseRefusesWritesAtOnceClosesEveryVaultLogsOnceAndRejoins() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(LeaseKeeper.class);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    logger.addAppender(log);
    try (LeaseKeeper keeper = keeper("p1", vaults, spool)) {
      PrimaryLease first = keeper.lease().orElseThrow();
      Vault vault = vaults.create("v1", key, QuotaLedger.UNLIMITED);
      vault.append("INBOX", message("one@x"));
      assertThat(keeper.owns("v1")).isTrue();

      ticks.set(LEASE.toNanos()); // the process stood still past its lease
      assertThat(keeper.leaseValid()).isFalse();
      assertThat(keeper.owns("v1")).isFalse();
      assertThatThrownBy(() -> vault.append("INBOX", message("late@x")))
          .isInstanceOf(VaultFencedException.class);

      keeper.renewOnce();
      assertThat(vaults.openVaultIds()).isEmpty();
      assertThatThrownBy(() -> vault.append("INBOX", message("later@x")))
          .isInstanceOf(RuntimeException.class);
      vault.close();
      assertThat(log.list)
          .filteredOn(e -> e.getLevel() == Level.WARN)
          .extracting(ILoggingEvent::getFormattedMessage)
          .singleElement()
          .satisfies(
              line -> assertThat(line).startsWith("lease lapsed: ").doesNotContain("127.0.0.1"));

      PrimaryLease second = keeper.lease().orElseThrow();
      assertThat(second.epoch()).isGreaterThan(first.epoch());
      assertThat(keeper.leaseValid()).isTrue();
      try (Vault again = vaults.open("v1", key, QuotaLedger.UNLIMITED)) {
        again.append("INBOX", message("two@x"));
        assertThat(again.listFolders()).isNotEmpty();
      }
      assertThat(registry.currentOwner("v1").orElseThrow().epoch()).isGreaterThan(second.epoch());
    } finally {
      logger.detachAppender(log);
    }
  }

  @Test
  void aRefusedRenewalIsALapse() throws Exception {
    try (LeaseKeeper keeper = keeper("p1", vaults, spool)) {
      PrimaryLease first = keeper.lease().orElseThrow();
      vaults.create("v1", key, QuotaLedger.UNLIMITED).close();
      registry.leave(first); // as if the directory had given the lease up
      keeper.renewOnce();
      assertThat(keeper.lease().orElseThrow().epoch()).isGreaterThan(first.epoch());
      assertThat(registry.renew(first)).isFalse();
    }
  }

  @Test
  void aRenewalExtendsTheMonotonicLease() throws Exception {
    try (LeaseKeeper keeper = keeper("p1", vaults, spool)) {
      PrimaryLease first = keeper.lease().orElseThrow();
      ticks.set(LEASE.toNanos() / 2);
      keeper.renewOnce();
      ticks.set(LEASE.toNanos() + 1); // past the first lease, inside the renewed one
      assertThat(keeper.leaseValid()).isTrue();
      assertThat(keeper.lease()).contains(first);
    }
  }

  @Test
  void aMovedVaultStaysWithTheOldOwnerUntilItsNextRenewalClosesItThenTheNewOwnerOpensIt()
      throws Exception {
    try (VaultStore otherVaults = store();
        SpoolStore otherSpool = new SpoolStore(data.resolve("spool"));
        LeaseKeeper p1 = keeper("p1", vaults, spool);
        LeaseKeeper p2 = keeper("p2", otherVaults, otherSpool)) {
      Vault onP1 = vaults.create("v1", key, QuotaLedger.UNLIMITED);
      assertThat(registry.currentOwner("v1").orElseThrow().primary()).isEqualTo("p1");
      assertThatThrownBy(() -> otherVaults.open("v1", key, QuotaLedger.UNLIMITED))
          .isInstanceOf(VaultNotOwnedException.class);

      registry.move("v1", "p2");
      // ADR 0283: one host's connections at a time. Until p1 lets the vault go, p2 cannot open
      // it, and p1's writes still land in the one file both share.
      assertThatThrownBy(() -> otherVaults.open("v1", key, QuotaLedger.UNLIMITED))
          .isInstanceOf(VaultNotOwnedException.class)
          .hasMessageContaining("still has the vault open");
      onP1.append("INBOX", message("before-renewal@x"));

      p1.renewOnce();
      assertThat(vaults.isOpen("v1")).isFalse();
      assertThat(p1.owns("v1")).isFalse();
      assertThatThrownBy(() -> onP1.append("INBOX", message("stale@x")))
          .isInstanceOf(IllegalStateException.class);
      onP1.close();
      try (Vault onP2 = otherVaults.open("v1", key, QuotaLedger.UNLIMITED)) {
        onP2.append("INBOX", message("fresh@x"));
        assertThat(onP2.messages("INBOX", UidSet.all())).hasSize(2);
        assertThat(p2.owns("v1")).isTrue();
      }
    }
  }

  @Test
  void aVaultClosedHereIsAskedOfTheDirectoryNotRememberedAsOwned() throws Exception {
    try (VaultStore otherVaults = store();
        SpoolStore otherSpool = new SpoolStore(data.resolve("spool"));
        LeaseKeeper p1 = keeper("p1", vaults, spool);
        LeaseKeeper p2 = keeper("p2", otherVaults, otherSpool)) {
      vaults.create("v1", key, QuotaLedger.UNLIMITED).close();
      assertThat(p1.owns("v1")).isTrue();

      registry.move("v1", "p2");
      // No renewal in between: a delivery here would go to the spool, which no epoch guards.
      assertThat(p1.owns("v1")).isFalse();
      assertThat(p2.owns("v1")).isTrue();
    }
  }

  @Test
  void aLapsedPrimarySpoolsNothing() throws Exception {
    SpoolItem item = new SpoolItem(new byte[] {1}, Instant.EPOCH, "a@b.example", List.of("c@d"));
    try (LeaseKeeper keeper = keeper("p1", vaults, spool);
        SpoolKeyPair keys = SpoolKeyPair.generate()) {
      String kept = spool.put("v1", keys.publicKey(), item);
      ticks.set(LEASE.toNanos());
      assertThatThrownBy(() -> spool.put("v1", keys.publicKey(), item))
          .isInstanceOf(SpoolFencedException.class);
      assertThat(spool.list("v1")).containsExactly(kept);
    }
  }

  @Test
  void theKeeperRenewsOnItsOwnThread() throws Exception {
    try (LeaseKeeper keeper =
        LeaseKeeper.start(registry, "p1", "127.0.0.1:7443", Duration.ofSeconds(3), vaults, spool)) {
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> keeper.rounds() >= 2);
      assertThat(registry.primaries())
          .singleElement()
          .satisfies(p -> assertThat(p.live()).isTrue());
    }
    assertThat(registry.primaries()).singleElement().satisfies(p -> assertThat(p.live()).isFalse());
  }
}
