package dev.mailvault.store;

import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.store.sqlite.ConnectionFactory;
import dev.mailvault.store.sqlite.VaultConnection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The single writer of one vault: one connection behind a fair lock. Writes run in arrival order,
 * and the writes that queued up while another was running share one {@code BEGIN IMMEDIATE}
 * transaction and one commit (group commit, docs/adr/0074-group-commit.md): whoever takes the lock
 * runs every waiting write, each inside its own savepoint, so a write that fails is undone alone
 * and the others commit. No caller hears its result before the commit that holds its write. Events
 * are handed to the dispatcher right after COMMIT, still in commit order, but listeners run on
 * another thread.
 */
final class WriteQueue {

  /** The most writes one commit takes, so a long queue still commits now and then. */
  static final int MAX_BATCH = 32;

  /** Commits between two requests to the background checkpointer (about 1,000 WAL pages). */
  static final int CHECKPOINT_EVERY_COMMITS = 100;

  /**
   * The writer's own auto-checkpoint, in WAL pages: a backstop for when the background checkpointer
   * falls behind (SQLite's default is 1,000), and what restarts the WAL under a steady stream of
   * writes.
   */
  static final int BACKSTOP_CHECKPOINT_PAGES = 4096;

  private final ReentrantLock lock = new ReentrantLock(true);
  private final ConcurrentLinkedQueue<Pending<?>> waiting = new ConcurrentLinkedQueue<>();
  private final ConnectionFactory factory;
  private final EventDispatcher events;
  private final WalCheckpointer checkpointer;
  private VaultConnection connection; // guarded by lock
  private boolean closed; // guarded by lock
  private int commitsSinceCheckpoint; // guarded by lock
  private volatile long commits; // written under lock
  private final VaultFence fence; // null outside a cluster

  WriteQueue(ConnectionFactory factory, EventDispatcher events, WalCheckpointer checkpointer) {
    this(factory, events, checkpointer, null);
  }

  WriteQueue(
      ConnectionFactory factory,
      EventDispatcher events,
      WalCheckpointer checkpointer,
      VaultFence fence) {
    this.factory = factory;
    this.events = events;
    this.checkpointer = checkpointer;
    this.fence = fence;
  }

  /** Takes over a connection opened (and key-checked) by the caller. */
  void adopt(VaultConnection opened) throws SQLException {
    lock.lock();
    try {
      setUp(opened);
      connection = opened;
    } finally {
      lock.unlock();
    }
  }

  private static void setUp(VaultConnection writer) throws SQLException {
    writer.execute("PRAGMA wal_autocheckpoint = " + BACKSTOP_CHECKPOINT_PAGES);
  }

  <T> T write(WriteWork<T> work) throws MailvaultException {
    Pending<T> mine = new Pending<>(work);
    waiting.add(mine);
    lock.lock();
    try {
      // Another writer may have run this one in its batch while this thread waited for the lock.
      while (!mine.done) {
        runBatch();
      }
    } finally {
      lock.unlock();
    }
    return mine.result();
  }

  /** Runs up to {@link #MAX_BATCH} waiting writes in one transaction; under the lock. */
  private void runBatch() {
    List<Pending<?>> batch = new ArrayList<>();
    for (Pending<?> next; batch.size() < MAX_BATCH && (next = waiting.poll()) != null; ) {
      batch.add(next);
    }
    if (closed) {
      batch.forEach(p -> p.finish(new IllegalStateException("the vault is closed")));
      return;
    }
    try {
      VaultConnection c = connection();
      c.begin(true);
      if (batch.size() == 1) {
        batch.get(0).run(c); // alone: its failure is the transaction's, no savepoint needed
      } else {
        for (Pending<?> p : batch) {
          runInSavepoint(c, p);
        }
      }
      if (fence != null) {
        // ADR 0281: inside BEGIN IMMEDIATE, holding the write lock, right before COMMIT.
        fence.check(c);
      }
      c.commit();
      commits++;
      c.touch();
      if (++commitsSinceCheckpoint >= CHECKPOINT_EVERY_COMMITS) {
        commitsSinceCheckpoint = 0;
        checkpointer.request();
      }
    } catch (MailvaultException | SQLException | RuntimeException | Error e) {
      abandon(batch, e);
      return;
    }
    for (Pending<?> p : batch) {
      if (p.failure == null) {
        events.enqueue(p.tx.events());
      }
      p.finish(null);
    }
  }

  /**
   * Runs one write of a batch inside a savepoint. A failure of the write rolls back to the
   * savepoint and is kept for its caller; a failure of the savepoint itself ends the transaction.
   */
  private static void runInSavepoint(VaultConnection c, Pending<?> p) throws SQLException {
    c.execute("SAVEPOINT write");
    try {
      p.run(c);
    } catch (MailvaultException | SQLException | RuntimeException | Error e) {
      p.failure = e;
      c.execute("ROLLBACK TO write");
      c.execute("RELEASE write");
      p.undo();
      return;
    }
    c.execute("RELEASE write");
  }

  /** Transactions committed since this queue was made. */
  long commits() {
    return commits;
  }

  /** How many writes wait for the lock now (for tests). */
  int queued() {
    return waiting.size();
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

  /**
   * Runs {@code action} on the writer connection, outside any transaction, while holding the
   * writer's turn: writes of this vault wait until it returns; other vaults are not involved.
   */
  void exclusive(ConnectionAction action) {
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("the vault is closed");
      }
      VaultConnection c = connection();
      action.run(c);
      c.touch();
    } catch (SQLException e) {
      throw new VaultStorageException("vault copy failed: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  /** Work on the writer connection outside a transaction. */
  @FunctionalInterface
  interface ConnectionAction {
    void run(VaultConnection connection) throws SQLException;
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
        VaultConnection opened = factory.open(false);
        try {
          setUp(opened);
        } catch (SQLException e) {
          opened.close();
          throw e;
        }
        connection = opened;
      } catch (SQLException e) {
        throw new VaultStorageException("cannot open the vault for writing: " + e.getMessage(), e);
      }
    }
    return connection;
  }

  /**
   * Rolls the transaction back: every write of the batch is undone, and those that had not failed
   * on their own fail with {@code cause}.
   */
  private void abandon(List<Pending<?>> batch, Throwable cause) {
    try {
      if (connection != null) {
        connection.rollback();
      }
    } catch (SQLException | RuntimeException e) {
      // The connection is in an unknown state: drop it; SQLite rolls back on close.
      connection.close();
      connection = null;
    }
    for (Pending<?> p : batch) {
      p.undo();
      p.finish(cause);
    }
  }

  /** One write waiting for, or done by, a batch. Its fields are published by the lock. */
  private static final class Pending<T> {
    private final WriteWork<T> work;
    private WriteTx tx;
    private T value;
    private Throwable failure;
    private boolean undone;
    private boolean done;

    Pending(WriteWork<T> work) {
      this.work = work;
    }

    void run(VaultConnection c) throws SQLException, MailvaultException {
      tx = new WriteTx(c);
      value = work.run(tx);
    }

    /** Gives back what the write reserved outside SQLite, once. */
    void undo() {
      if (tx != null && !undone) {
        undone = true;
        tx.runOnRollback();
      }
    }

    /** Marks the write done; a failure it had already is kept over {@code cause}. */
    void finish(Throwable cause) {
      if (failure == null) {
        failure = cause;
      }
      done = true;
    }

    /** Its value after the commit (running its after-commit actions), or its failure. */
    T result() throws MailvaultException {
      if (failure == null) {
        tx.runAfterCommit();
        return value;
      }
      if (failure instanceof MailvaultException e) {
        throw e;
      }
      if (failure instanceof SQLException e) {
        throw new VaultStorageException("vault write failed: " + e.getMessage(), e);
      }
      if (failure instanceof RuntimeException e) {
        throw e;
      }
      throw (Error) failure;
    }
  }
}
