package dev.mailvault.store;

import dev.mailvault.core.access.VaultEvent;
import dev.mailvault.core.fs.OwnerOnly;
import dev.mailvault.core.metrics.MailMetrics;
import dev.mailvault.core.quota.QuotaLedger;
import dev.mailvault.store.content.DecodedContentCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Creates, opens and deletes vaults: one encrypted SQLite file per alias, {@code
 * <vaultsDir>/<vaultId>.sqlite}, opened with the alias's raw 256-bit data key (DESIGN §4).
 *
 * <h2>Concurrency rules (docs/adr/0032-vault-concurrency.md)</h2>
 *
 * <ol>
 *   <li>One writer per vault. Every write runs on the vault's single writer connection behind a
 *       fair lock, in its own {@code BEGIN IMMEDIATE} transaction: writers queue in arrival order
 *       and a write happens whole or not at all.
 *   <li>Readers run in parallel with each other and with the writer (WAL), on a small pool of read
 *       connections per vault; each read is one transaction and sees one snapshot.
 *   <li>Slow work happens before the lock: parsing, compressing and hashing an appended message are
 *       done on the caller's thread; the lock covers only the SQL.
 *   <li>Events are published after COMMIT, never before, and listeners never run under the writer
 *       lock: the writer only queues them; a shared executor delivers each vault's events in commit
 *       order. Quota given back by an expunge is released after COMMIT too; quota reserved by a
 *       write that rolls back is released at once.
 *   <li>Connections stay open while handles use the vault and close after {@code idleTimeout}
 *       without use (a background sweeper; an idle writer is closed only if its lock is free).
 *   <li>Handles are counted per vault id. Closing a handle never disturbs others on the same vault;
 *       the last close waits for running work, closes every connection and wipes the key from
 *       memory. A second open of an open vault must present the same key.
 *   <li>Opening, creating, deleting and closing one vault id are serialized on that id only, so one
 *       slow open never holds up another vault.
 * </ol>
 *
 * <p>One store per vaults directory per process: two stores on one directory would each think they
 * were the single writer (SQLite's own locks still keep the file consistent).
 */
public final class VaultStore implements AutoCloseable {

  private static final Pattern VAULT_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");
  private static final String[] FILE_SUFFIXES = {"", "-wal", "-shm", "-journal"};

  private final VaultStoreConfig config;
  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final ArrivalLocks arrivals = new ArrivalLocks();
  private final ExecutorService eventExecutor;

  /**
   * One thread indexes text for every vault, a few batches per turn, so vaults take turns and
   * indexing (a migrated vault's whole history among them) never takes more than one core from the
   * clients (docs/adr/0220).
   */
  private final ExecutorService textIndexExecutor;

  /**
   * Decoded content of every open vault under one budget (ADR 0187): an eighth of the heap (64 MiB
   * of the launcher's default 512), the working set of a few dozen busy mailboxes of letters.
   */
  private final DecodedContentCache decodedContent = new DecodedContentCache(DECODED_CONTENT_BYTES);

  /**
   * The folders' UID lists as last read (ADR 0229), across sessions and vault closes: up to two
   * million UIDs (16 MB), twenty 100,000-message folders.
   */
  private final FolderUids folderUids = new FolderUids(2_000_000);

  /** The folders' keyword lists as last read (ADR 0232): the 1,000 folders last asked for. */
  private final FolderKeywords folderKeywords = new FolderKeywords(1_000);

  private final ScheduledExecutorService sweeper;
  private volatile boolean closed;
  private volatile LastCloseHook lastCloseHook;
  private volatile MailMetrics metrics = MailMetrics.NONE;
  private volatile VaultFences fences;

  /**
   * Asked when the last handle on a vault is about to close, while its key is still in memory: the
   * last chance to work on it (a backup) before it is locked until the next login.
   */
  public interface LastCloseHook {

    /**
     * Whether to keep the vault open for one more job; called under the vault's entry lock, so it
     * must answer at once.
     *
     * @param changed whether a write committed since the vault opened or was last copied
     */
    boolean wants(String vaultId, boolean changed);

    /**
     * Gets a handle that keeps the vault open; must not block (hand the job to an executor) and
     * must close the handle when done.
     */
    void take(Vault vault);
  }

  /** The open state of one vault id; guarded by its own monitor. */
  private static final class Entry {
    SharedVault vault;
    int handles;
    boolean retired;
  }

  static final long DECODED_CONTENT_BYTES = Runtime.getRuntime().maxMemory() / 8;

  public VaultStore(VaultStoreConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.eventExecutor = Executors.newCachedThreadPool(daemonThreads("mailvault-vault-events"));
    this.textIndexExecutor =
        Executors.newSingleThreadExecutor(daemonThreads("mailvault-text-index"));
    this.sweeper =
        Executors.newSingleThreadScheduledExecutor(daemonThreads("mailvault-vault-sweeper"));
    long period = sweepPeriod(config.idleTimeout()).toMillis();
    sweeper.scheduleWithFixedDelay(
        this::closeIdleConnections, period, period, TimeUnit.MILLISECONDS);
  }

  public VaultStoreConfig config() {
    return config;
  }

  /** The vault file of {@code vaultId}; its {@code -wal} and {@code -shm} lie beside it. */
  public Path fileOf(String vaultId) {
    return config.vaultsDir().resolve(checkId(vaultId) + ".sqlite");
  }

  public boolean exists(String vaultId) {
    return Files.exists(fileOf(vaultId));
  }

  /** Whether a handle on {@code vaultId} is open. */
  public boolean isOpen(String vaultId) {
    Entry entry = entries.get(checkId(vaultId));
    if (entry == null) {
      return false;
    }
    synchronized (entry) {
      return entry.vault != null;
    }
  }

  /** Connections open now on {@code vaultId} (0 when it is not open): for tests and metrics. */
  public int openConnections(String vaultId) {
    Entry entry = entries.get(checkId(vaultId));
    if (entry == null) {
      return 0;
    }
    synchronized (entry) {
      return entry.vault == null ? 0 : entry.vault.openConnections();
    }
  }

  /**
   * Creates a vault with the default folders (INBOX, Drafts, Sent, Junk, Trash, Archive) and
   * returns a handle on it.
   *
   * @param dataKey the 32-byte data key; copied, so the caller may wipe its array afterwards
   * @param quota the ledger that appends and copies through this handle reserve against
   */
  public Vault create(String vaultId, byte[] dataKey, QuotaLedger quota)
      throws VaultExistsException, VaultSchemaException {
    try {
      return acquire(vaultId, dataKey, quota, true);
    } catch (VaultNotFoundException | VaultKeyException e) {
      throw new IllegalStateException("a new vault cannot be missing or refuse its key", e);
    }
  }

  /**
   * Opens a vault, applying pending migrations, and returns a handle on it.
   *
   * @param dataKey the 32-byte data key; copied, so the caller may wipe its array afterwards
   * @param quota the ledger that appends and copies through this handle reserve against
   * @throws VaultKeyException when the key does not open the file
   */
  public Vault open(String vaultId, byte[] dataKey, QuotaLedger quota)
      throws VaultNotFoundException, VaultKeyException, VaultSchemaException {
    try {
      return acquire(vaultId, dataKey, quota, false);
    } catch (VaultExistsException e) {
      throw new IllegalStateException("opening never reports an existing vault", e);
    }
  }

  /**
   * A new handle on {@code vaultId} if it is open now (some session has it unlocked), without its
   * key: the key is already in this process's memory, so this reveals nothing new. The handle keeps
   * the vault open until it is closed, even if every other handle closes meanwhile.
   *
   * @param quota the ledger that appends through this handle reserve against
   * @return empty when no handle on the vault is open
   */
  public Optional<Vault> openIfUnlocked(String vaultId, QuotaLedger quota) {
    String id = checkId(vaultId);
    Objects.requireNonNull(quota, "quota");
    Entry entry = entries.get(id);
    if (entry == null) {
      return Optional.empty();
    }
    synchronized (entry) {
      if (entry.retired || entry.vault == null) {
        return Optional.empty();
      }
      entry.handles++;
      return Optional.of(new Vault(entry.vault, quota, () -> release(id, entry)));
    }
  }

  /** Where vault opens are counted (ADR 0256); {@link MailMetrics#NONE} until set. */
  public void setMetrics(MailMetrics metrics) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  /**
   * Fences every vault opened from now on (a cluster primary, docs/adr/0281-fencing.md); none by
   * default, and the single process sets none.
   */
  public void setFences(VaultFences fences) {
    this.fences = fences;
  }

  /**
   * Closes every open vault under its users, as {@link #closeUnderUsers} does for one: for a
   * primary whose lease lapsed.
   *
   * @return the ids of the vaults that were open
   */
  public List<String> closeAllUnderUsers() {
    List<String> closed = new ArrayList<>();
    for (String id : openVaultIds()) {
      if (closeUnderUsers(id)) {
        closed.add(id);
      }
    }
    return closed;
  }

  /** Sets the hook asked at every last close (one per store; null removes it). */
  public void setLastCloseHook(LastCloseHook hook) {
    this.lastCloseHook = hook;
  }

  /** The ids of the vaults open now (some handle holds them), sorted. */
  public List<String> openVaultIds() {
    List<String> ids = new ArrayList<>();
    for (var mapping : entries.entrySet()) {
      Entry entry = mapping.getValue();
      synchronized (entry) {
        if (!entry.retired && entry.vault != null) {
          ids.add(mapping.getKey());
        }
      }
    }
    Collections.sort(ids);
    return ids;
  }

  /**
   * Replaces a vault's file with {@code verified}, a checked copy (a restored backup) on the same
   * file system, and makes the next open see it. If the vault is open, its listeners hear {@link
   * VaultEvent.VaultReplaced} and every handle on it is closed under its users: their next call
   * fails and they must open the vault again. Opens of this vault id wait until the swap is done.
   *
   * <p>Order, for crashes: the old vault's connections close (the last one checkpoints its WAL),
   * stale {@code -wal} and {@code -shm} files go (a WAL left beside the new file would be replayed
   * into it), then one atomic rename puts the new file in place. A crash at any point leaves either
   * the old vault or the new one, whole.
   */
  public void replace(String vaultId, Path verified) {
    String id = checkId(vaultId);
    while (true) {
      Entry entry = entries.computeIfAbsent(id, key -> new Entry());
      synchronized (entry) {
        if (entry.retired) {
          continue;
        }
        try {
          if (entry.vault != null) {
            entry.vault.announceReplaced();
            entry.vault.close();
            entry.vault = null;
          }
          // Old handles keep this retired entry; their close finds no vault and does nothing.
          entry.handles = 0;
          for (String suffix : FILE_SUFFIXES) {
            if (!suffix.isEmpty()) {
              Files.deleteIfExists(config.vaultsDir().resolve(id + ".sqlite" + suffix));
            }
          }
          Files.move(
              verified,
              fileOf(id),
              StandardCopyOption.ATOMIC_MOVE,
              StandardCopyOption.REPLACE_EXISTING);
          folderUids.forget(id);
          folderKeywords.forget(id);
          return;
        } catch (IOException e) {
          throw new VaultStorageException("cannot replace vault " + id + ": " + e.getMessage(), e);
        } finally {
          retireIfUnused(id, entry);
        }
      }
    }
  }

  /**
   * Closes {@code vaultId} under its users if it is open, as {@link #replace} does: its listeners
   * hear {@link VaultEvent.VaultReplaced} (sessions end, ADR 0124) and every handle is closed, its
   * next call failing. For a purge inside a running server (ADR 0133): afterwards the files can be
   * deleted. The caller keeps new opens away first (the alias disabled, so no login unlocks it).
   *
   * @return whether the vault was open
   */
  public boolean closeUnderUsers(String vaultId) {
    String id = checkId(vaultId);
    Entry entry = entries.get(id);
    if (entry == null) {
      return false;
    }
    synchronized (entry) {
      try {
        if (entry.retired || entry.vault == null) {
          return false;
        }
        entry.vault.announceReplaced();
        entry.vault.close();
        entry.vault = null;
        // Old handles keep this retired entry; their close finds no vault and does nothing.
        entry.handles = 0;
        return true;
      } finally {
        retireIfUnused(id, entry);
      }
    }
  }

  /** The per-vault locks that logins and deliveries share (ADR 0110). */
  ArrivalLocks arrivals() {
    return arrivals;
  }

  /**
   * Deletes a vault's files. Without its key the content was unreadable already; deleting makes it
   * gone.
   *
   * @return whether a vault file existed
   * @throws VaultInUseException when a handle on it is open
   */
  public boolean delete(String vaultId) throws VaultInUseException {
    String id = checkId(vaultId);
    while (true) {
      Entry entry = entries.computeIfAbsent(id, key -> new Entry());
      synchronized (entry) {
        if (entry.retired) {
          continue;
        }
        try {
          if (entry.vault != null) {
            throw new VaultInUseException(id);
          }
          boolean existed = Files.exists(fileOf(id));
          for (String suffix : FILE_SUFFIXES) {
            Files.deleteIfExists(config.vaultsDir().resolve(id + ".sqlite" + suffix));
          }
          // Last: a cluster primary's lock file (ADR 0283) outlives every close but not the vault.
          Files.deleteIfExists(VaultHostLock.fileOf(fileOf(id)));
          folderUids.forget(id);
          folderKeywords.forget(id);
          return existed;
        } catch (IOException e) {
          throw new VaultStorageException("cannot delete vault " + id + ": " + e.getMessage(), e);
        } finally {
          retireIfUnused(id, entry);
        }
      }
    }
  }

  /** Closes every open vault (waiting for running work) and stops the store's threads. */
  @Override
  public void close() {
    closed = true;
    sweeper.shutdownNow();
    for (var mapping : entries.entrySet()) {
      Entry entry = mapping.getValue();
      synchronized (entry) {
        if (entry.vault != null) {
          entry.vault.close();
          entry.vault = null;
        }
        entry.retired = true;
        entries.remove(mapping.getKey(), entry);
      }
    }
    eventExecutor.shutdown();
    textIndexExecutor.shutdown();
  }

  private Vault acquire(String vaultId, byte[] dataKey, QuotaLedger quota, boolean create)
      throws VaultExistsException, VaultNotFoundException, VaultKeyException, VaultSchemaException {
    String id = checkId(vaultId);
    Objects.requireNonNull(quota, "quota");
    if (dataKey == null || dataKey.length != 32) {
      throw new IllegalArgumentException("a vault key is 32 bytes");
    }
    while (true) {
      if (closed) {
        throw new IllegalStateException("the vault store is closed");
      }
      Entry entry = entries.computeIfAbsent(id, key -> new Entry());
      synchronized (entry) {
        if (entry.retired) {
          continue;
        }
        if (entry.vault == null) {
          openShared(id, entry, dataKey, create);
          if (!create) {
            metrics.vaultOpened();
          }
        } else if (create) {
          throw new VaultExistsException(id);
        } else if (!entry.vault.keyMatches(dataKey)) {
          throw new VaultKeyException(id);
        }
        entry.handles++;
        return new Vault(entry.vault, quota, () -> release(id, entry));
      }
    }
  }

  /** Opens the shared state of a vault that has no handle yet; called under the entry's lock. */
  private void openShared(String id, Entry entry, byte[] dataKey, boolean create)
      throws VaultExistsException, VaultNotFoundException, VaultKeyException, VaultSchemaException {
    Path file = fileOf(id);
    try {
      if (create && Files.exists(file)) {
        throw new VaultExistsException(id);
      }
      if (!create && !Files.exists(file)) {
        throw new VaultNotFoundException(id);
      }
      if (create) {
        OwnerOnly.createDirectories(config.vaultsDir());
      }
      entry.vault =
          SharedVault.open(
              id,
              file,
              dataKey,
              config,
              eventExecutor,
              textIndexExecutor,
              decodedContent.forVault(),
              folderUids,
              folderKeywords,
              create,
              fences);
    } catch (IOException e) {
      retireIfUnused(id, entry);
      throw new VaultStorageException("cannot create the vaults directory: " + e.getMessage(), e);
    } catch (VaultExistsException
        | VaultNotFoundException
        | VaultKeyException
        | VaultSchemaException
        | RuntimeException e) {
      retireIfUnused(id, entry);
      throw e;
    }
  }

  private void release(String id, Entry entry) {
    synchronized (entry) {
      if (entry.vault == null) {
        return; // the store was closed under the handle
      }
      entry.handles--;
      if (entry.handles == 0 && keptOpenByHook(id, entry)) {
        return;
      }
      if (entry.handles == 0) {
        entry.vault.close();
        entry.vault = null;
        retireIfUnused(id, entry);
      }
    }
  }

  /** Offers the last-close hook a handle; under the entry's lock. */
  private boolean keptOpenByHook(String id, Entry entry) {
    LastCloseHook hook = lastCloseHook;
    if (hook == null || closed || !hook.wants(id, entry.vault.changedSinceCopy())) {
      return false;
    }
    entry.handles++;
    hook.take(new Vault(entry.vault, QuotaLedger.UNLIMITED, () -> release(id, entry)));
    return true;
  }

  /** Drops an entry nobody uses from the map; a thread still holding it retries with a new one. */
  private void retireIfUnused(String id, Entry entry) {
    if (entry.vault == null && entry.handles == 0) {
      entry.retired = true;
      entries.remove(id, entry);
    }
  }

  private void closeIdleConnections() {
    for (Entry entry : entries.values()) {
      SharedVault vault;
      synchronized (entry) {
        vault = entry.vault;
      }
      if (vault != null) {
        vault.closeIdle(config.idleTimeout());
      }
    }
  }

  private static String checkId(String vaultId) {
    if (vaultId == null || !VAULT_ID.matcher(vaultId).matches()) {
      throw new IllegalArgumentException("a vault id is 1 to 128 letters, digits, '-' or '_'");
    }
    return vaultId;
  }

  /** Sweep twice per idle timeout, between 50 ms and 30 s apart. */
  private static Duration sweepPeriod(Duration idleTimeout) {
    Duration half = idleTimeout.dividedBy(2);
    if (half.compareTo(Duration.ofMillis(50)) < 0) {
      return Duration.ofMillis(50);
    }
    return half.compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : half;
  }

  private static ThreadFactory daemonThreads(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
