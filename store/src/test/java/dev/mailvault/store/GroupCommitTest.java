package dev.mailvault.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.core.access.FolderNotFoundException;
import dev.mailvault.core.access.VaultEvent;
import dev.mailvault.store.sqlite.ConnectionFactory;
import dev.mailvault.store.sqlite.VaultConnection;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes that queue behind a running one share its successor's transaction, each in its own
 * savepoint: a failing write is undone alone, the others commit, and every caller hears only its
 * own outcome, after the commit.
 */
class GroupCommitTest {

  @TempDir Path dir;

  @Test
  void queuedWritesCommitTogetherAndAFailureIsUndoneAlone() throws Exception {
    ConnectionFactory factory =
        new ConnectionFactory(dir.resolve("v.sqlite"), TestVaults.randomKey(), false);
    try (VaultConnection setup = factory.open(true)) {
      setup.execute("CREATE TABLE t(x INTEGER NOT NULL UNIQUE)");
    }
    List<VaultEvent> heard = new CopyOnWriteArrayList<>();
    EventDispatcher events = new EventDispatcher("v", Runnable::run);
    events.add(heard::add);
    WriteQueue queue = new WriteQueue(factory, events, new WalCheckpointer(factory, Runnable::run));
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      CountDownLatch running = new CountDownLatch(1);
      CountDownLatch gate = new CountDownLatch(1);
      Future<Integer> first =
          pool.submit(
              () ->
                  queue.write(
                      tx -> {
                        insert(tx, 0);
                        running.countDown();
                        awaitUninterruptibly(gate);
                        return 0;
                      }));
      assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

      Map<Integer, String> ranOn = new ConcurrentHashMap<>();
      List<Integer> undone = new CopyOnWriteArrayList<>();
      List<Integer> afterCommit = new CopyOnWriteArrayList<>();
      List<Future<Integer>> queued = new ArrayList<>();
      // The five queue in whatever order their threads get there; each commits or fails alone.
      for (int i = 1; i <= 5; i++) {
        int n = i;
        queued.add(
            pool.submit(
                () ->
                    queue.write(
                        tx -> {
                          ranOn.put(n, Thread.currentThread().getName());
                          tx.onRollback(() -> undone.add(n));
                          tx.afterCommit(() -> afterCommit.add(n));
                          insert(tx, n);
                          if (n == 3) {
                            throw new FolderNotFoundException("Nowhere");
                          }
                          if (n == 4) {
                            insert(tx, 0); // a UNIQUE violation: SQLite's own failure
                          }
                          tx.publish(new VaultEvent.FolderCreated("f" + n));
                          return n;
                        })));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (queue.queued() < 5 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(queue.queued()).as("all five wait behind the first").isEqualTo(5);
      gate.countDown();

      assertThat(first.get(10, TimeUnit.SECONDS)).isZero();
      assertThat(queued.get(0).get(10, TimeUnit.SECONDS)).isEqualTo(1);
      assertThat(queued.get(1).get(10, TimeUnit.SECONDS)).isEqualTo(2);
      assertThatThrownBy(() -> queued.get(2).get(10, TimeUnit.SECONDS))
          .hasCauseInstanceOf(FolderNotFoundException.class);
      assertThatThrownBy(() -> queued.get(3).get(10, TimeUnit.SECONDS))
          .hasCauseInstanceOf(VaultStorageException.class);
      assertThat(queued.get(4).get(10, TimeUnit.SECONDS)).isEqualTo(5);

      assertThat(rows(factory)).containsExactly(0, 1, 2, 5);
      assertThat(ranOn.values())
          .as("one batch, run by one thread")
          .hasSize(5)
          .containsOnly(ranOn.get(1));
      assertThat(undone).containsExactlyInAnyOrder(3, 4);
      assertThat(afterCommit).containsExactlyInAnyOrder(1, 2, 5);
      assertThat(heard)
          .containsExactlyInAnyOrder(
              new VaultEvent.FolderCreated("f1"),
              new VaultEvent.FolderCreated("f2"),
              new VaultEvent.FolderCreated("f5"));

      // The queue is whole afterwards: a lone write still commits.
      int changed = queue.write(tx -> insert(tx, 6));
      assertThat(changed).isEqualTo(1);
      assertThat(rows(factory)).containsExactly(0, 1, 2, 5, 6);
    } finally {
      pool.shutdownNow();
      queue.close();
    }
  }

  @Test
  void aLoneFailingWriteLeavesNothingAndIsUndone() throws Exception {
    ConnectionFactory factory =
        new ConnectionFactory(dir.resolve("w.sqlite"), TestVaults.randomKey(), false);
    try (VaultConnection setup = factory.open(true)) {
      setup.execute("CREATE TABLE t(x INTEGER NOT NULL UNIQUE)");
    }
    WriteQueue queue =
        new WriteQueue(
            factory,
            new EventDispatcher("w", Runnable::run),
            new WalCheckpointer(factory, Runnable::run));
    try {
      List<String> undone = new ArrayList<>();
      assertThatThrownBy(
              () ->
                  queue.write(
                      tx -> {
                        tx.onRollback(() -> undone.add("undone"));
                        insert(tx, 7);
                        throw new FolderNotFoundException("Nowhere");
                      }))
          .isInstanceOf(FolderNotFoundException.class);
      assertThat(undone).containsExactly("undone");
      assertThat(rows(factory)).isEmpty();
    } finally {
      queue.close();
    }
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        latch.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static int insert(WriteTx tx, int x) throws java.sql.SQLException {
    return tx.connection().update("INSERT INTO t(x) VALUES (?)", x);
  }

  private static List<Integer> rows(ConnectionFactory factory) throws Exception {
    List<Integer> xs = new ArrayList<>();
    try (VaultConnection c = factory.open(false);
        ResultSet r = c.bind("SELECT x FROM t ORDER BY x").executeQuery()) {
      while (r.next()) {
        xs.add(r.getInt(1));
      }
    }
    return xs;
  }
}
