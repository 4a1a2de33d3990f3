package dev.mailvault.store;

import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.store.sqlite.ConnectionFactory;
import dev.mailvault.store.sqlite.VaultConnection;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;

/**
 * Read connections of one vault: at most {@code size} at once, opened on demand, reused most
 * recently used first (so the surplus grows idle and the sweeper closes it). Each read runs in its
 * own transaction and so sees one snapshot; WAL lets it run beside the writer.
 */
final class ReadPool {

  private final ConnectionFactory factory;
  private final int size;
  private final Semaphore permits;
  private final Deque<VaultConnection> idle = new ConcurrentLinkedDeque<>();
  private volatile boolean closed;

  ReadPool(ConnectionFactory factory, int size) {
    this.factory = factory;
    this.size = size;
    this.permits = new Semaphore(size, true);
  }

  <T> T read(ReadWork<T> work) throws MailvaultException {
    permits.acquireUninterruptibly();
    VaultConnection c = null;
    boolean reusable = false;
    try {
      if (closed) {
        throw new IllegalStateException("the vault is closed");
      }
      c = idle.pollFirst();
      if (c == null) {
        c = factory.open(false);
      }
      c.begin(false);
      try {
        return work.run(c);
      } finally {
        c.rollback();
        reusable = true;
      }
    } catch (SQLException | IOException e) {
      throw new VaultStorageException("vault read failed: " + e.getMessage(), e);
    } finally {
      if (c != null) {
        if (reusable && !closed) {
          c.touch();
          idle.offerFirst(c);
        } else {
          c.close();
        }
      }
      permits.release();
    }
  }

  /** Closes the connections unused for {@code maxIdleNanos}. */
  void closeIdle(long maxIdleNanos) {
    for (VaultConnection c : idle) {
      if (c.idleNanos() > maxIdleNanos && idle.removeFirstOccurrence(c)) {
        c.close();
      }
    }
  }

  /** Waits for running reads, then closes every connection for good. */
  void close() {
    closed = true;
    permits.acquireUninterruptibly(size);
    try {
      VaultConnection c;
      while ((c = idle.pollFirst()) != null) {
        c.close();
      }
    } finally {
      permits.release(size);
    }
  }
}
