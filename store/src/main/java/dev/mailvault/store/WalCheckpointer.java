package dev.mailvault.store;

import dev.mailvault.store.sqlite.ConnectionFactory;
import dev.mailvault.store.sqlite.VaultConnection;
import java.sql.SQLException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Copies the WAL back into the vault file on a thread of its own, so the writer does not (docs/
 * adr/0075-checkpoint-off-the-writer.md). A checkpoint copies pages and fsyncs the WAL and the file
 * twice; left to SQLite's auto-checkpoint it runs inside a commit, on the thread of whoever
 * appended, every thousand pages. Here the writer only asks ({@link #request}); one {@code PRAGMA
 * wal_checkpoint(PASSIVE)} at a time runs on its own connection, which takes no write lock and
 * waits for nobody. The writer's auto-checkpoint stays as a backstop at a larger size ({@link
 * WriteQueue#BACKSTOP_CHECKPOINT_PAGES}), and restarts the WAL when it runs.
 */
final class WalCheckpointer {

  private final ConnectionFactory factory;
  private final Executor executor;
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final ReentrantLock lock = new ReentrantLock();
  private VaultConnection connection; // guarded by lock
  private boolean closed; // guarded by lock

  WalCheckpointer(ConnectionFactory factory, Executor executor) {
    this.factory = factory;
    this.executor = executor;
  }

  /** Asks for a checkpoint soon; never waits, and does nothing if one is pending already. */
  void request() {
    if (scheduled.compareAndSet(false, true)) {
      try {
        executor.execute(this::run);
      } catch (RejectedExecutionException e) {
        scheduled.set(false); // the store is closing: the writer's own checkpoint remains
      }
    }
  }

  private void run() {
    scheduled.set(false);
    lock.lock();
    try {
      if (closed) {
        return;
      }
      if (connection == null) {
        connection = factory.open(false);
      }
      connection.execute("PRAGMA wal_checkpoint(PASSIVE)");
      connection.touch();
    } catch (SQLException | RuntimeException e) {
      // Nothing is lost: the pages stay in the WAL and the writer's backstop checkpoints them.
      if (connection != null) {
        connection.close();
        connection = null;
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs {@code action} (a checkpoint of the writer's) while no background checkpoint runs: SQLite
   * lets one checkpoint run at a time and answers a second one busy instead of waiting.
   */
  void exclusive(Runnable action) {
    lock.lock();
    try {
      action.run();
    } finally {
      lock.unlock();
    }
  }

  /** Closes the connection if it checkpointed nothing for {@code maxIdleNanos}; never waits. */
  void closeIfIdle(long maxIdleNanos) {
    if (!lock.tryLock()) {
      return;
    }
    try {
      if (connection != null && connection.idleNanos() > maxIdleNanos) {
        connection.close();
        connection = null;
      }
    } finally {
      lock.unlock();
    }
  }

  /** Waits for a running checkpoint, then closes for good. */
  void close() {
    lock.lock();
    try {
      closed = true;
      if (connection != null) {
        connection.close();
        connection = null;
      }
    } finally {
      lock.unlock();
    }
  }
}
