package dev.mailvault.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mailvault.core.access.FlagUpdate;
import dev.mailvault.core.access.FolderInfo;
import dev.mailvault.core.access.MessageMeta;
import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.access.VaultEvent;
import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.SystemFlag;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.core.quota.QuotaLedger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writers queue, readers run beside them, listeners hear every commit in order. */
class ConcurrencyTest {

  private static final int WRITERS = 4;
  private static final int APPENDS_PER_WRITER = 60;
  private static final List<String> FOLDERS = List.of("INBOX", "Archive");

  @TempDir Path dir;

  @Test
  void parallelAppendsAndReadsStayConsistent() throws Exception {
    byte[] key = TestVaults.randomKey();
    try (VaultStore store = TestVaults.store(dir)) {
      store.create("busy", key, QuotaLedger.UNLIMITED).close();
      BlockingQueue<VaultEvent> events = new LinkedBlockingQueue<>();
      Vault observer = store.open("busy", key, QuotaLedger.UNLIMITED);
      observer.addListener(events::add);

      ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 2);
      Map<String, String> placed = new ConcurrentHashMap<>(); // message id -> folder
      AtomicBoolean writing = new AtomicBoolean(true);
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        writers.add(
            pool.submit(
                () -> {
                  // Each writer has its own handle, as each session would.
                  try (Vault vault = store.open("busy", key, QuotaLedger.UNLIMITED)) {
                    for (int i = 0; i < APPENDS_PER_WRITER; i++) {
                      String id = "w" + writer + "-" + i + "@x";
                      String folder = FOLDERS.get(i % 2);
                      vault.append(folder, NewMessage.of(TestMessages.text(id)));
                      placed.put(id, folder);
                    }
                  }
                  return null;
                }));
      }
      List<Future<Integer>> readers = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        long seed = r;
        readers.add(
            pool.submit(
                () -> {
                  Random random = new Random(seed);
                  int checked = 0;
                  try (Vault vault = store.open("busy", key, QuotaLedger.UNLIMITED)) {
                    while (writing.get()) {
                      String folder = FOLDERS.get(random.nextInt(2));
                      List<MessageMeta> metas = vault.messages(folder, UidSet.all());
                      if (metas.isEmpty()) {
                        continue;
                      }
                      MessageMeta meta = metas.get(random.nextInt(metas.size()));
                      String id = meta.messageId().substring(1, meta.messageId().length() - 1);
                      assertThat(vault.fetch(folder, meta.uid())).isEqualTo(TestMessages.text(id));
                      FolderInfo status = vault.folder(folder);
                      assertThat(status.uidNext()).isGreaterThan(meta.uid());
                      checked++;
                    }
                  }
                  return checked;
                }));
      }
      for (Future<?> writer : writers) {
        writer.get(120, TimeUnit.SECONDS);
      }
      writing.set(false);
      for (Future<Integer> reader : readers) {
        assertThat(reader.get(60, TimeUnit.SECONDS)).isPositive();
      }
      pool.shutdown();

      int total = WRITERS * APPENDS_PER_WRITER;
      assertThat(placed).hasSize(total);
      for (String folder : FOLDERS) {
        long[] uids = observer.uids(folder);
        assertThat(uids).hasSize(total / 2);
        assertThat(uids[uids.length - 1]).isEqualTo(total / 2);
        assertThat(observer.folder(folder).messages()).isEqualTo(total / 2);
      }

      Map<String, List<Long>> announced = new ConcurrentHashMap<>();
      Set<Long> modseqs = new HashSet<>();
      while (announced.values().stream().mapToInt(List::size).sum() < total) {
        VaultEvent event = events.poll(30, TimeUnit.SECONDS);
        assertThat(event).as("an event for every append").isNotNull();
        VaultEvent.MessagesAdded added = (VaultEvent.MessagesAdded) event;
        announced.computeIfAbsent(added.folder(), f -> new ArrayList<>()).addAll(added.uids());
        modseqs.add(added.highestModseq());
      }
      for (List<Long> uids : announced.values()) {
        assertThat(uids).as("events arrive in commit order").isSorted().doesNotHaveDuplicates();
      }
      assertThat(observer.integrityCheck()).isEqualTo("ok");
      observer.close();
    }
  }

  @Test
  void listenersHearCommittedChangesOnlyAndOutsideTheWriterLock() throws Exception {
    byte[] key = TestVaults.randomKey();
    LimitLedger ledger = new LimitLedger(1_000_000, 1);
    try (VaultStore store = TestVaults.store(dir);
        Vault vault = store.create("events", key, ledger)) {
      BlockingQueue<Object> heard = new LinkedBlockingQueue<>();
      vault.addListener(
          event -> {
            try {
              if (event instanceof VaultEvent.MessagesAdded added) {
                // The change is visible to a reader, and a write from here does not deadlock.
                heard.add(vault.fetch(added.folder(), added.uids().get(0)).length);
                vault.storeFlags(
                    added.folder(),
                    UidSet.of(added.uids()),
                    FlagUpdate.add(Flags.of(SystemFlag.SEEN)));
              }
              heard.add(event);
            } catch (Exception e) {
              heard.add(e);
            }
          });

      byte[] raw = TestMessages.text("e@x");
      vault.append("INBOX", NewMessage.of(raw));
      assertThat(heard.poll(30, TimeUnit.SECONDS)).isEqualTo(raw.length);
      assertThat(heard.poll(30, TimeUnit.SECONDS)).isInstanceOf(VaultEvent.MessagesAdded.class);
      assertThat(heard.poll(30, TimeUnit.SECONDS)).isInstanceOf(VaultEvent.FlagsChanged.class);

      // Over quota: nothing committed, so nothing heard; the next event is the folder creation.
      try {
        vault.append("INBOX", NewMessage.of(raw));
      } catch (dev.mailvault.core.quota.OverQuotaException expected) {
        // the ledger allows one message
      }
      vault.createFolder("After");
      assertThat(heard.poll(30, TimeUnit.SECONDS)).isEqualTo(new VaultEvent.FolderCreated("After"));
    }
  }

  @Test
  void idleConnectionsCloseAndReopenOnDemand() throws Exception {
    byte[] key = TestVaults.randomKey();
    try (VaultStore store = TestVaults.store(dir, Duration.ofMillis(200));
        Vault vault = store.create("idle", key, QuotaLedger.UNLIMITED)) {
      vault.append("INBOX", NewMessage.of(TestMessages.text("i@x")));
      assertThat(vault.fetch("INBOX", 1)).isNotEmpty();

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (store.openConnections("idle") > 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(store.openConnections("idle")).as("closed after the idle time").isZero();
      assertThat(store.isOpen("idle")).isTrue();

      vault.append("INBOX", NewMessage.of(TestMessages.text("j@x")));
      assertThat(vault.fetch("INBOX", 2)).isEqualTo(TestMessages.text("j@x"));
    }
  }

  @Test
  void connectionsStayOpenBetweenOperations() throws Exception {
    byte[] key = TestVaults.randomKey();
    try (VaultStore store = TestVaults.store(dir, Duration.ofMinutes(10));
        Vault vault = store.create("kept", key, QuotaLedger.UNLIMITED)) {
      vault.append("INBOX", NewMessage.of(TestMessages.text("k@x")));
      // the full-text index follows the append in the background, reading on its own (ADR 0220)
      vault.indexTextNow();
      vault.fetch("INBOX", 1);
      vault.folder("INBOX");
      // The append's background run may still read after the index is complete; the pool opens a
      // second reader if it overlaps an operation. Counted once it is over, the pool is settled.
      await("the background indexer's run ends")
          .atMost(Duration.ofSeconds(30))
          .until(() -> !vault.textIndexerBusy());
      int open = store.openConnections("kept");
      assertThat(open).as("one writer, one reader or two").isBetween(2, 3);
      for (int i = 0; i < 20; i++) {
        vault.fetch("INBOX", 1);
        vault.folder("INBOX");
      }
      assertThat(store.openConnections("kept")).as("reused, not one per operation").isEqualTo(open);
    }
  }

  @Test
  void closingTheLastHandleClosesEveryConnection() throws Exception {
    byte[] key = TestVaults.randomKey();
    try (VaultStore store = TestVaults.store(dir)) {
      Vault one = store.create("last", key, QuotaLedger.UNLIMITED);
      Vault two = store.open("last", key, QuotaLedger.UNLIMITED);
      one.folder("INBOX");
      two.append("INBOX", NewMessage.of(TestMessages.text("l@x")));
      one.close();
      assertThat(store.openConnections("last")).isPositive();
      two.close();
      assertThat(store.openConnections("last")).isZero();
      assertThat(store.isOpen("last")).isFalse();
      assertThat(java.nio.file.Files.exists(Path.of(store.fileOf("last") + "-wal")))
          .as("the last connection checkpoints and removes the WAL")
          .isFalse();
    }
  }
}
