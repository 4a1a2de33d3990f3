package dev.mailvault.store;

import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.mime.MimePart;
import dev.mailvault.core.mime.MimePartCodec;
import dev.mailvault.store.content.ContentStore;
import dev.mailvault.store.sqlite.VaultConnection;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a vault's full-text index up with its contents, in the background, in batches
 * (docs/adr/0220-full-text-index-built-after-commit.md). New contents first: after every commit
 * that stored messages it indexes those above {@link TextIndex#indexedThrough}, oldest first; then
 * the contents stored before the index existed, below {@link TextIndex#unindexedBelow}, from the
 * highest id down. Each batch is read and its text derived in a read transaction, then written in
 * one short write of its own, so appends take turns with it and never wait for it. SEARCH reads
 * every content outside the two bounds by scan, so results are the same before, during and after.
 */
final class TextIndexer {

  /** Contents per batch: one write of a few hundred milliseconds at most. */
  static final int BATCH = 64;

  /** Batches per turn on the shared indexing thread; then the vault queues again behind others. */
  static final int BATCHES_PER_TURN = 8;

  private static final Logger LOG = LoggerFactory.getLogger(TextIndexer.class);

  private record Indexed(long contentId, MessageText text) {}

  private final SharedVault vault;
  private final Executor executor;
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean wanted = new AtomicBoolean();

  /** Held while batches are indexed, so {@link #runToEnd} returns only when no run is writing. */
  private final ReentrantLock indexing = new ReentrantLock();

  private final KnownTerms knownTerms = new KnownTerms(KnownTerms.CAPACITY);

  TextIndexer(SharedVault vault, Executor executor) {
    this.vault = vault;
    this.executor = executor;
  }

  /**
   * Asks for a run: one is queued on the executor unless one is queued or running, which then
   * queues another when it ends with work left. Returns at once.
   */
  void request() {
    wanted.set(true);
    if (running.compareAndSet(false, true)) {
      try {
        executor.execute(this::run);
      } catch (RejectedExecutionException e) {
        // the store is closing; the next open resumes from the recorded bounds
        running.set(false);
      }
    }
  }

  /** Whether a background run is queued or running (for tests that count connections). */
  boolean busy() {
    return running.get();
  }

  /**
   * Indexes everything left in the calling thread (a batch job such as an import ends with it, so
   * the first login finds the index complete), after any background run's batches. When it returns,
   * the indexer writes nothing more until the next commit that stores messages.
   */
  void runToEnd() throws MailvaultException {
    indexing.lock();
    try {
      while (vault.isOpen() && (newer() || older())) {
        // batch after batch
      }
    } finally {
      indexing.unlock();
    }
  }

  private void run() {
    boolean more = false;
    indexing.lock();
    try {
      wanted.set(false);
      int batches = 0;
      while (vault.isOpen() && (newer() || older())) {
        if (++batches == BATCHES_PER_TURN) {
          more = true;
          break;
        }
      }
    } catch (MailvaultException | RuntimeException e) {
      // a closing vault ends the run; the next open or commit resumes from the recorded bounds
      if (vault.isOpen()) {
        LOG.warn("full-text indexing of vault {} stopped: {}", vault.id(), e.toString());
      }
    } finally {
      indexing.unlock();
      running.set(false);
    }
    if ((more || wanted.get()) && vault.isOpen()) {
      // queue again behind the other vaults' turns
      request();
    }
  }

  /** Indexes one batch of contents stored since the last; false when there is none. */
  private boolean newer() throws MailvaultException {
    long through = vault.read(TextIndex::indexedThrough);
    List<Indexed> batch =
        vault.read(
            c ->
                derive(
                    c, "SELECT id, size FROM contents WHERE id > ? ORDER BY id LIMIT ?", through));
    if (batch.isEmpty()) {
      return false;
    }
    // Contents are numbered in commit order by the one writer, so every content committed after
    // the read has a higher id than the batch's last: nothing is skipped.
    long last = batch.get(batch.size() - 1).contentId();
    write(batch, c -> TextIndex.setIndexedThrough(c, last));
    return true;
  }

  /** Indexes one batch of the contents older than the index; false when none is left. */
  private boolean older() throws MailvaultException {
    long below = vault.read(TextIndex::unindexedBelow);
    if (below <= 0) {
      return false;
    }
    List<Indexed> batch =
        vault.read(
            c ->
                derive(
                    c,
                    "SELECT id, size FROM contents WHERE id < ? ORDER BY id DESC LIMIT ?",
                    below));
    long next = batch.size() < BATCH ? 0 : batch.get(batch.size() - 1).contentId();
    write(batch, c -> TextIndex.setUnindexedBelow(c, next));
    return next > 0;
  }

  private interface BoundUpdate {
    void apply(VaultConnection c) throws SQLException;
  }

  private void write(List<Indexed> batch, BoundUpdate bound) throws MailvaultException {
    vault.write(
        tx -> {
          VaultConnection c = tx.connection();
          for (Indexed item : batch) {
            boolean stillStored =
                c.queryLong("SELECT 1 FROM contents WHERE id = ?", item.contentId()).isPresent();
            if (item.text() != null && stillStored && !TextIndex.isIndexed(c, item.contentId())) {
              TextIndex.insert(tx, knownTerms, item.contentId(), item.text());
            }
          }
          bound.apply(c);
          return null;
        });
  }

  private List<Indexed> derive(VaultConnection c, String select, long bound) throws SQLException {
    List<long[]> contents = new ArrayList<>();
    try (ResultSet r = c.bind(select, bound, BATCH).executeQuery()) {
      while (r.next()) {
        contents.add(new long[] {r.getLong(1), r.getLong(2)});
      }
    }
    List<Indexed> batch = new ArrayList<>(contents.size());
    for (long[] content : contents) {
      long id = content[0];
      try (ResultSet r =
          c.bind(
                  "SELECT subject, from_addr, to_addrs, cc_addrs, mime_tree FROM messages"
                      + " WHERE content_id = ? LIMIT 1",
                  id)
              .executeQuery()) {
        if (!r.next()) {
          // no message uses it (it is being removed): nothing to index, but the bound passes it
          batch.add(new Indexed(id, null));
          continue;
        }
        MessageText text;
        try {
          MimePart root = MimePartCodec.decode(r.getBytes(5));
          text =
              MessageText.of(
                  r.getString(1),
                  r.getString(2),
                  r.getString(3),
                  r.getString(4),
                  root,
                  ContentStore.source(c, vault.contents(), id, content[1]));
        } catch (IllegalArgumentException | IOException e) {
          // a damaged message cannot be searched by scan either; it stays out of the index
          LOG.warn("vault {}: content {} left out of the full-text index", vault.id(), id);
          text = null;
        }
        batch.add(new Indexed(id, text));
      }
    }
    return batch;
  }
}
