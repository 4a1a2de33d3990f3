package dev.mailvault.store;

import dev.mailvault.core.access.VaultEvent;
import dev.mailvault.core.access.VaultListener;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.store.content.ContentCache;
import dev.mailvault.store.sqlite.ConnectionFactory;
import dev.mailvault.store.sqlite.SchemaMigrator;
import dev.mailvault.store.sqlite.VaultConnection;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * The state of one open vault that every {@link Vault} handle on it shares: its key, its single
 * writer, its read pool and its listeners. {@link VaultStore} counts the handles and closes this
 * when the last one goes.
 */
final class SharedVault {

  private static final SchemaMigrator MIGRATOR = SchemaMigrator.fromResources();

  /**
   * The longest a reader waits for events in delivery: far above a delivery's usual microseconds,
   * short enough that a stuck listener delays a command's answer, not the connection.
   */
  private static final Duration EVENT_WAIT = Duration.ofSeconds(2);

  private final String id;
  private final byte[] key;
  private final ConnectionFactory factory;
  private final WriteQueue writer;
  private final WalCheckpointer checkpointer;
  private final ReadPool readers;
  private final EventDispatcher events;
  private final ContentCache contents;
  private final TextIndexer textIndexer;
  private final FolderUids folderUids;
  private final FolderKeywords folderKeywords;

  /** {@link System#nanoTime} of the last read, so an idle vault's decoded content is let go. */
  private volatile long lastRead = System.nanoTime();

  /** False from the start of {@link #close()}: background work stops at its next step. */
  private volatile boolean open = true;

  /** {@link WriteQueue#commits()} when the vault opened or was last copied. */
  private volatile long commitsAtCopy;

  /** In a cluster, held from before the first connection to after the last (ADR 0283). */
  private VaultHostLock hostLock;

  private SharedVault(
      String id,
      byte[] key,
      ConnectionFactory factory,
      WriteQueue writer,
      WalCheckpointer checkpointer,
      ReadPool readers,
      EventDispatcher events,
      ContentCache contents,
      FolderUids folderUids,
      FolderKeywords folderKeywords,
      Executor background) {
    this.id = id;
    this.key = key;
    this.factory = factory;
    this.writer = writer;
    this.checkpointer = checkpointer;
    this.readers = readers;
    this.events = events;
    this.contents = contents;
    this.folderUids = folderUids;
    this.folderKeywords = folderKeywords;
    this.textIndexer = new TextIndexer(this, background);
  }

  /**
   * Opens (or creates) the vault file, checks the key, applies pending migrations and makes sure
   * the default folders exist.
   */
  static SharedVault open(
      String id,
      Path file,
      byte[] dataKey,
      VaultStoreConfig config,
      Executor eventExecutor,
      Executor textIndexExecutor,
      ContentCache contents,
      FolderUids folderUids,
      FolderKeywords folderKeywords,
      boolean create,
      VaultFences fences)
      throws VaultKeyException, VaultSchemaException {
    // Asked before the file is touched: a primary that does not own the vault opens nothing.
    VaultFence fence = fences == null ? null : new VaultFence(fences, fences.openingEpoch(id));
    // ADR 0283: not before the previous owner, on whatever machine, has closed the vault.
    VaultHostLock hostLock = fences == null ? null : VaultHostLock.take(file);
    byte[] key = dataKey.clone();
    ConnectionFactory factory = new ConnectionFactory(file, key, config.synchronousFull());
    VaultConnection first;
    try {
      first = factory.open(create);
    } catch (SQLException e) {
      Arrays.fill(key, (byte) 0);
      release(hostLock);
      if (ConnectionFactory.isWrongKey(e)) {
        throw new VaultKeyException(id);
      }
      throw new VaultStorageException("cannot open vault " + id + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      Arrays.fill(key, (byte) 0);
      release(hostLock);
      throw e;
    }
    EventDispatcher events = new EventDispatcher(id, eventExecutor);
    WalCheckpointer checkpointer = new WalCheckpointer(factory, eventExecutor);
    WriteQueue writer = new WriteQueue(factory, events, checkpointer, fence);
    try {
      writer.adopt(first);
    } catch (SQLException e) {
      first.close();
      Arrays.fill(key, (byte) 0);
      release(hostLock);
      throw new VaultStorageException("cannot open vault " + id + ": " + e.getMessage(), e);
    }
    SharedVault vault =
        new SharedVault(
            id,
            key,
            factory,
            writer,
            checkpointer,
            new ReadPool(factory, config.readConnections()),
            events,
            contents,
            folderUids,
            folderKeywords,
            textIndexExecutor);
    vault.hostLock = hostLock;
    try {
      writer.write(
          tx -> {
            try {
              MIGRATOR.migrate(tx.connection());
            } catch (SchemaMigrator.NewerSchemaException e) {
              throw new VaultSchemaException(e.getMessage());
            }
            DefaultFolders.ensure(tx.connection());
            if (fence != null) {
              fence.claim(tx.connection());
            }
            return null;
          });
    } catch (VaultSchemaException | RuntimeException e) {
      vault.close();
      throw e;
    } catch (VaultFencedException e) {
      vault.close();
      throw new VaultNotOwnedException(e.getMessage());
    } catch (MailvaultException e) {
      vault.close();
      throw new IllegalStateException("unexpected failure while opening a vault", e);
    }
    vault.commitsAtCopy = writer.commits(); // opening's own migration is no change
    // contents stored before the index, or after the last indexing before a close, are indexed
    // in the background; SEARCH scans them meanwhile
    vault.textIndexer.request();
    return vault;
  }

  String id() {
    return id;
  }

  boolean isOpen() {
    return open;
  }

  /** Whether {@code other} is this vault's key, compared in constant time. */
  boolean keyMatches(byte[] other) {
    return MessageDigest.isEqual(key, other);
  }

  <T> T write(WriteWork<T> work) throws MailvaultException {
    return writer.write(work);
  }

  <T> T read(ReadWork<T> work) throws MailvaultException {
    lastRead = System.nanoTime();
    return readers.read(work);
  }

  /** This vault's share of the decoded-content cache. */
  ContentCache contents() {
    return contents;
  }

  /** Indexes the vault's contents for full-text search in the background. */
  TextIndexer textIndexer() {
    return textIndexer;
  }

  /** The UIDs of {@code folder}, from the store's snapshot when it is still current. */
  long[] folderUids(VaultConnection c, FolderRow folder) throws SQLException {
    return folderUids.uids(id, c, folder);
  }

  /** The keywords in use in {@code folder}, from the store's list brought forward (ADR 0232). */
  Set<String> folderKeywords(VaultConnection c, FolderRow folder) throws SQLException {
    return folderKeywords.keywords(id, c, folder);
  }

  /** {@code PRAGMA wal_checkpoint(TRUNCATE)} on the writer, queued like any write. */
  void checkpoint() throws MailvaultException {
    checkpointer.exclusive(writer::checkpoint);
  }

  /**
   * Writes a consistent copy of the vault to {@code target} with {@code VACUUM INTO}, holding the
   * writer's turn: a passive checkpoint first (so the WAL is small), then the copy. The copy is
   * encrypted under the same key and cipher (SQLite3MultipleCiphers gives the target database the
   * main database's codec; docs/adr/0121-backup-copy-and-change-detection.md). Background
   * checkpoints wait too, as SQLite runs one checkpoint at a time.
   */
  void copyTo(Path target, Runnable insideTurn) {
    checkpointer.exclusive(
        () ->
            writer.exclusive(
                c -> {
                  long before = writer.commits();
                  c.execute("PRAGMA wal_checkpoint(PASSIVE)");
                  try (PreparedStatement vacuum =
                      c.prepareOnce("VACUUM INTO ?", target.toString())) {
                    vacuum.execute();
                  }
                  commitsAtCopy = before;
                  insideTurn.run();
                }));
  }

  /** Whether a write committed since the vault opened or was last copied. */
  boolean changedSinceCopy() {
    return writer.commits() != commitsAtCopy;
  }

  /** Writes waiting for the writer's turn now (for tests). */
  int queuedWrites() {
    return writer.queued();
  }

  /** Opens a copy of this vault read-only with this vault's key and checks it. */
  VaultFileCheck.Result checkCopy(Path copy) throws VaultKeyException, VaultCopyDamagedException {
    return VaultFileCheck.check(id, copy, key);
  }

  /** Tells every listener that the vault was replaced; they hear it after this returns. */
  void announceReplaced() {
    events.enqueue(List.of(new VaultEvent.VaultReplaced()));
  }

  VaultListener.Registration addListener(VaultListener listener) {
    return events.add(listener);
  }

  /** Waits until the listeners have heard every change committed before this call. */
  void awaitEvents() {
    events.awaitDelivered(EVENT_WAIT);
  }

  /** Connections open now, writer and readers together. */
  int openConnections() {
    return factory.openConnections();
  }

  void closeIdle(Duration idle) {
    long nanos = idle.toNanos();
    writer.closeIfIdle(nanos);
    checkpointer.closeIfIdle(nanos);
    readers.closeIdle(nanos);
    if (System.nanoTime() - lastRead > nanos) {
      contents.clear();
    }
  }

  /** Waits for running work, closes every connection and wipes the key from memory. */
  void close() {
    open = false;
    checkpointer.close();
    writer.close();
    readers.close();
    release(hostLock);
    contents.clear();
    Arrays.fill(key, (byte) 0);
  }

  /**
   * Lets the host lock go while the vault stays open, as storage does that judged this machine
   * dead: for tests of the fence that stands behind the lock (ADR 0281, 0283).
   */
  void loseHostLock() {
    release(hostLock);
  }

  private static void release(VaultHostLock lock) {
    if (lock != null) {
      lock.close();
    }
  }
}
