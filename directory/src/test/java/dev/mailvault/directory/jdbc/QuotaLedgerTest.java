package dev.mailvault.directory.jdbc;

import static dev.mailvault.directory.jdbc.Fixtures.address;
import static dev.mailvault.directory.jdbc.Fixtures.domain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.core.quota.OverQuotaException;
import dev.mailvault.core.quota.QuotaLedger;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.NewAlias;
import dev.mailvault.directory.QuotaLimits;
import dev.mailvault.directory.UnknownAliasException;
import dev.mailvault.directory.UnknownDomainException;
import dev.mailvault.directory.Usage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuotaLedgerTest {

  @TempDir Path data;
  private Directory directory;
  private String vaultA;
  private String vaultB;
  private String vaultC;

  @BeforeEach
  void open() throws Exception {
    directory = Fixtures.open(data, new CountingKdf());
    directory.addDomain(domain("example.com"));
    directory.addDomain(domain("example.org"));
    vaultA = vault("a@example.com");
    vaultB = vault("b@example.com");
    vaultC = vault("c@example.org");
  }

  @AfterEach
  void close() {
    directory.close();
  }

  private String vault(String address) throws Exception {
    try (NewAlias alias = directory.addAlias(address(address))) {
      return alias.vaultId();
    }
  }

  @Test
  void countsUsageOnTheAliasItsDomainAndTheAccount() throws Exception {
    directory.quotaLedger(vaultA).reserve(100, 1);
    directory.quotaLedger(vaultB).reserve(200, 2);
    directory.quotaLedger(vaultC).reserve(400, 4);

    assertThat(usageOf("a@example.com")).isEqualTo(new Usage(100, 1));
    assertThat(directory.listDomains())
        .extracting(d -> d.usage())
        .containsExactly(new Usage(300, 3), new Usage(400, 4));
    assertThat(directory.account().usage()).isEqualTo(new Usage(700, 7));
  }

  @Test
  void aliasLimitOnBytes() throws Exception {
    directory.setAliasQuota(address("a@example.com"), QuotaLimits.bytes(1_000));
    QuotaLedger ledger = directory.quotaLedger(vaultA);
    ledger.reserve(600, 1);
    ledger.reserve(400, 1);
    assertOver(
        () -> ledger.reserve(1, 0),
        "alias.bytes",
        "over quota: this mailbox's storage limit of 1000 bytes would be exceeded");
    assertThat(usageOf("a@example.com")).isEqualTo(new Usage(1_000, 2));
    assertThat(directory.account().usage()).isEqualTo(new Usage(1_000, 2));
    directory.quotaLedger(vaultB).reserve(5_000, 1);
  }

  @Test
  void aliasLimitOnMessages() throws Exception {
    directory.setAliasQuota(address("a@example.com"), QuotaLimits.messages(2));
    QuotaLedger ledger = directory.quotaLedger(vaultA);
    ledger.reserve(10, 2);
    assertOver(
        () -> ledger.reserve(0, 1),
        "alias.messages",
        "over quota: this mailbox's limit of 2 messages would be exceeded");
  }

  @Test
  void domainLimitsAreSharedByItsAliases() throws Exception {
    directory.setDomainQuota(domain("example.com"), QuotaLimits.of(1_000, 3));
    directory.quotaLedger(vaultA).reserve(700, 1);
    assertOver(
        () -> directory.quotaLedger(vaultB).reserve(301, 1),
        "domain.bytes",
        "over quota: the domain's storage limit of 1000 bytes would be exceeded");
    directory.quotaLedger(vaultB).reserve(300, 2);
    assertOver(
        () -> directory.quotaLedger(vaultA).reserve(0, 1),
        "domain.messages",
        "over quota: the domain's limit of 3 messages would be exceeded");
    // Another domain is not limited by this one.
    directory.quotaLedger(vaultC).reserve(10_000, 10);
    assertThat(usageOf("b@example.com")).isEqualTo(new Usage(300, 2));
  }

  @Test
  void accountLimitsAreSharedByEveryDomain() throws Exception {
    directory.setAccountQuota(QuotaLimits.of(1_000, 2));
    directory.quotaLedger(vaultA).reserve(600, 1);
    assertOver(
        () -> directory.quotaLedger(vaultC).reserve(401, 1),
        "account.bytes",
        "over quota: the account's storage limit of 1000 bytes would be exceeded");
    directory.quotaLedger(vaultC).reserve(400, 1);
    assertOver(
        () -> directory.quotaLedger(vaultB).reserve(0, 1),
        "account.messages",
        "over quota: the account's limit of 2 messages would be exceeded");
    assertThat(directory.account().limits()).isEqualTo(QuotaLimits.of(1_000, 2));
    assertThat(directory.account().usage()).isEqualTo(new Usage(1_000, 2));
  }

  @Test
  void aRefusedReservationReservesNothingAnywhere() throws Exception {
    directory.setAccountQuota(QuotaLimits.bytes(100));
    assertOver(() -> directory.quotaLedger(vaultA).reserve(101, 1), "account.bytes", null);
    assertThat(usageOf("a@example.com")).isEqualTo(Usage.NONE);
    assertThat(directory.listDomains().get(0).usage()).isEqualTo(Usage.NONE);
    assertThat(directory.account().usage()).isEqualTo(Usage.NONE);
  }

  @Test
  void releaseGivesRoomBackAndNeverGoesBelowZero() throws Exception {
    directory.setAliasQuota(address("a@example.com"), QuotaLimits.bytes(1_000));
    QuotaLedger ledger = directory.quotaLedger(vaultA);
    ledger.reserve(1_000, 5);
    ledger.release(400, 2);
    ledger.reserve(400, 1);
    assertThat(usageOf("a@example.com")).isEqualTo(new Usage(1_000, 4));
    ledger.release(5_000, 50);
    assertThat(usageOf("a@example.com")).isEqualTo(Usage.NONE);
    assertThat(directory.account().usage()).isEqualTo(Usage.NONE);
  }

  @Test
  void limitsCanBeLiftedAgain() throws Exception {
    directory.setAliasQuota(address("a@example.com"), QuotaLimits.bytes(10));
    assertOver(() -> directory.quotaLedger(vaultA).reserve(11, 0), "alias.bytes", null);
    directory.setAliasQuota(address("a@example.com"), QuotaLimits.UNLIMITED);
    directory.quotaLedger(vaultA).reserve(11, 0);
  }

  @Test
  void unknownTargetsSaySo() {
    assertThatThrownBy(() -> directory.quotaLedger("0".repeat(32)))
        .isInstanceOf(UnknownAliasException.class);
    assertThatThrownBy(
            () -> directory.setAliasQuota(address("x@example.com"), QuotaLimits.UNLIMITED))
        .isInstanceOf(UnknownAliasException.class);
    assertThatThrownBy(() -> directory.setDomainQuota(domain("x.example"), QuotaLimits.UNLIMITED))
        .isInstanceOf(UnknownDomainException.class);
    assertThatThrownBy(() -> directory.quotaLedger(vaultA).reserve(-1, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aLedgerOfARemovedAliasRefuses() throws Exception {
    QuotaLedger ledger = directory.quotaLedger(vaultA);
    directory.removeAlias(address("a@example.com"));
    assertThatThrownBy(() -> ledger.reserve(1, 1)).isInstanceOf(OverQuotaException.class);
    ledger.release(1, 1);
    assertThat(directory.account().usage()).isEqualTo(Usage.NONE);
  }

  @Test
  void concurrentReservationsAndReleasesKeepCountersExact() throws Exception {
    // 8 threads on two aliases of one domain under a domain limit that some reservations hit.
    directory.setDomainQuota(domain("example.com"), QuotaLimits.of(50_000, 1_000_000));
    int threads = 8;
    int rounds = 150;
    AtomicInteger refused = new AtomicInteger();
    long[] keptBytes = new long[threads];
    long[] keptMessages = new long[threads];
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int id = t;
        QuotaLedger ledger = directory.quotaLedger(t % 2 == 0 ? vaultA : vaultB);
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < rounds; i++) {
                    long bytes = 100 + (i % 7) * 10;
                    try {
                      ledger.reserve(bytes, 1);
                    } catch (OverQuotaException e) {
                      refused.incrementAndGet();
                      continue;
                    }
                    if (i % 3 == 0) {
                      ledger.release(bytes, 1);
                    } else {
                      keptBytes[id] += bytes;
                      keptMessages[id]++;
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    long bytesA = 0, messagesA = 0, bytesB = 0, messagesB = 0;
    for (int t = 0; t < threads; t++) {
      if (t % 2 == 0) {
        bytesA += keptBytes[t];
        messagesA += keptMessages[t];
      } else {
        bytesB += keptBytes[t];
        messagesB += keptMessages[t];
      }
    }
    assertThat(refused.get()).as("the domain limit was reached").isPositive();
    assertThat(usageOf("a@example.com")).isEqualTo(new Usage(bytesA, messagesA));
    assertThat(usageOf("b@example.com")).isEqualTo(new Usage(bytesB, messagesB));
    Usage total = new Usage(bytesA + bytesB, messagesA + messagesB);
    assertThat(directory.listDomains().get(0).usage()).isEqualTo(total);
    assertThat(directory.account().usage()).isEqualTo(total);
    assertThat(total.bytes()).isLessThanOrEqualTo(50_000);
  }

  private Usage usageOf(String address) {
    return directory.listAliases().stream()
        .filter(a -> a.address().equals(address(address)))
        .findFirst()
        .orElseThrow()
        .usage();
  }

  private interface Reservation {
    void run() throws Exception;
  }

  private static void assertOver(Reservation r, String scope, String message) {
    assertThatThrownBy(r::run)
        .isInstanceOfSatisfying(
            OverQuotaException.class,
            e -> {
              assertThat(e.scope()).isEqualTo(scope);
              if (message != null) {
                assertThat(e).hasMessage(message);
              }
            });
  }
}
