package dev.mailvault.store;

import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.store.sqlite.ConnectionFactory;
import dev.mailvault.store.sqlite.VaultConnection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The single writer of one vault: one connection behind a fair lock, so writers queue in arrival
 * order and each runs in its own {@code BEGIN IMMEDIATE} transaction. Events are handed to the
 * dispatcher right after COMMIT, still in commit order, but listeners run on another thread.
 */
final class WriteQueue {

  private final ReentrantLock lock = new ReentrantLock(true);
  private final ConnectionFactory factory;
  private final EventDispatcher events;
  private VaultConnection connection; // guarded by lock
  private boolean closed; // guarded by lock

  WriteQueue(ConnectionFactory factory, EventDispatcher events) {
    this.factory = factory;
    this.events = events;
  }

  /** Takes over a connection opened (and key-checked) by the caller. */
  void adopt(VaultConnection opened) {
    lock.lock();
    try {
      connection = opened;
    } finally {
      lock.unlock();
    }
  }

  <T> T write(WriteWork<T> work) throws MailvaultException {
    WriteTx tx;
    T result;
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("the vault is closed");
      }
      VaultConnection c = connection();
      tx = new WriteTx(c);
      try {
        c.begin(true);
        result = work.run(tx);
        c.commit();
      } catch (MailvaultException | RuntimeException | Error e) {
        abandon(tx);
        throw e;
      } catch (SQLException e) {
        abandon(tx);
        throw new VaultStorageException("vault write failed: " + e.getMessage(), e);
      }
      c.touch();
      events.enqueue(tx.events());
    } finally {
      lock.unlock();
    }
    tx.runAfterCommit();
    return result;
  }

  /** Checkpoints the WAL into the database file, outside any transaction, under the lock. */
  void checkpoint() {
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("the vault is closed");
      }
      connection().execute("PRAGMA wal_checkpoint(TRUNCATE)");
    } catch (SQLException e) {
      throw new VaultStorageException("vault checkpoint failed: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  /** Closes the connection if no write used it for {@code maxIdleNanos}; never waits. */
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

  /** Waits for the running write, then closes for good. */
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

  private VaultConnection connection() {
    if (connection == null) {
      try {
        connection = factory.open(false);
      } catch (SQLException e) {
        throw new VaultStorageException("cannot open the vault for writing: " + e.getMessage(), e);
      }
    }
    return connection;
  }

  private void abandon(WriteTx tx) {
    try {
      connection.rollback();
    } catch (SQLException | RuntimeException e) {
      // The connection is in an unknown state: drop it; SQLite rolls back on close.
      connection.close();
      connection = null;
    }
    tx.runOnRollback();
  }
}
