package dev.mailvault.store;

import dev.mailvault.core.access.AppendResult;
import dev.mailvault.core.access.ConditionalStore;
import dev.mailvault.core.access.CopyResult;
import dev.mailvault.core.access.ExpungeResult;
import dev.mailvault.core.access.FlagUpdate;
import dev.mailvault.core.access.FolderExistsException;
import dev.mailvault.core.access.FolderInfo;
import dev.mailvault.core.access.FolderNotFoundException;
import dev.mailvault.core.access.FolderOperationRefusedException;
import dev.mailvault.core.access.InvalidFolderNameException;
import dev.mailvault.core.access.MailDelivery;
import dev.mailvault.core.access.MailboxAccess;
import dev.mailvault.core.access.MessageFlags;
import dev.mailvault.core.access.MessageMeta;
import dev.mailvault.core.access.MessageNotFoundException;
import dev.mailvault.core.access.MessageThread;
import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.access.SearchQuery;
import dev.mailvault.core.access.SearchTooComplexException;
import dev.mailvault.core.access.SortCriterion;
import dev.mailvault.core.access.ThreadAlgorithm;
import dev.mailvault.core.access.VaultListener;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.core.quota.QuotaLedger;
import dev.mailvault.store.content.ContentCache;
import dev.mailvault.store.importer.ImportItem;
import dev.mailvault.store.importer.ImportedMessage;
import dev.mailvault.store.sqlite.VaultConnection;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A handle on one open vault: the folder and message operations the protocols need. Get one from
 * {@link VaultStore}; close it when the session ends. Handles are thread-safe; see {@link
 * VaultStore} for the concurrency rules.
 *
 * <p>Every write is one transaction: it happens whole or not at all, and its events reach the
 * listeners after it committed. Folder names are full '/'-delimited UTF-8 names; {@code INBOX} is
 * matched case-insensitively. Failures the caller caused are {@link MailvaultException}s: {@link
 * FolderNotFoundException}, {@link FolderExistsException}, {@link InvalidFolderNameException},
 * {@link FolderOperationRefusedException}, {@link MessageNotFoundException}, {@link
 * dev.mailvault.core.quota.OverQuotaException} and {@link
 * dev.mailvault.core.mime.InvalidSectionException}; a failure of the storage itself is a {@link
 * VaultStorageException}.
 */
public final class Vault implements MailboxAccess {

  private final SharedVault shared;
  private final Runnable onClose;
  private final Transactions transactions;
  private final FolderOperations folders;
  private final MessageWrites writes;
  private final MessageReads reads;
  private final MessageSorting sorting;
  private final List<VaultListener.Registration> registrations = new CopyOnWriteArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  Vault(SharedVault shared, QuotaLedger quota, Runnable onClose) {
    Objects.requireNonNull(quota, "quota");
    this.shared = shared;
    this.onClose = onClose;
    this.transactions = new HandleTransactions();
    this.folders = new FolderOperations(transactions, quota);
    this.writes = new MessageWrites(transactions, quota);
    this.reads = new MessageReads(transactions);
    this.sorting = new MessageSorting(transactions);
  }

  /** See {@link SharedVault#loseHostLock()}: for tests of the fence. */
  void loseHostLock() {
    shared.loseHostLock();
  }

  /** The vault id (the file name without {@code .sqlite}). */
  @Override
  public String id() {
    return shared.id();
  }

  // ---------------------------------------------------------------- folders

  /** Every folder with its counters, ordered by name. */
  public List<FolderInfo> listFolders() throws MailvaultException {
    return folders.list();
  }

  /** One folder's STATUS, read from its counters. */
  public FolderInfo folder(String name) throws MailvaultException {
    return folders.status(name);
  }

  /** Creates a folder and any missing superior folders (RFC 9051 §6.3.4). */
  public FolderInfo createFolder(String name) throws MailvaultException {
    return folders.create(name, null);
  }

  /**
   * Creates a folder with an RFC 6154 special-use attribute (CREATE-SPECIAL-USE, §3).
   *
   * @param specialUse one of {@code \All \Archive \Drafts \Flagged \Junk \Sent \Trash}, or null
   */
  public FolderInfo createFolder(String name, String specialUse) throws MailvaultException {
    return folders.create(name, specialUse);
  }

  /**
   * The folder a delivery to {@code destination} is filed in: INBOX, or the folder with the RFC
   * 6154 {@code \Junk} attribute, which is created (named {@code Junk}) when the vault has none. A
   * vault whose folder called {@code Junk} has no attribute gets that folder, left as it is.
   */
  public String deliveryFolder(MailDelivery.Destination destination) throws MailvaultException {
    return switch (destination) {
      case INBOX -> FolderNames.INBOX;
      case JUNK -> folders.specialUse("\\Junk", "Junk");
    };
  }

  /**
   * The folder one copy of a delivery is filed in (ADR 0252): the folder Sieve's {@code fileinto}
   * named, created first when it asked so ({@code :create}, RFC 5490 §3.2); else, or when that
   * folder is missing or its name invalid, the folder of {@code destination}, as a failed {@code
   * fileinto} falls back to the implicit keep (RFC 5228 §2.10.6).
   */
  public String filingFolder(MailDelivery.Filing filing, MailDelivery.Destination destination)
      throws MailvaultException {
    if (filing.folder().isPresent()) {
      Optional<String> named = folders.forFiling(filing.folder().get(), filing.create());
      if (named.isPresent()) {
        return named.get();
      }
    }
    return deliveryFolder(destination);
  }

  /**
   * Renames a folder and every folder below it (RFC 9051 §6.3.6). Renaming INBOX moves its messages
   * into a new folder and leaves INBOX empty; folders below INBOX stay.
   */
  public void renameFolder(String from, String to) throws MailvaultException {
    folders.rename(from, to);
  }

  /**
   * Deletes a folder and its messages. INBOX cannot be deleted, nor a folder with folders below it
   * (RFC 9051 §6.3.5 lets a server refuse that; delete them first).
   */
  public void deleteFolder(String name) throws MailvaultException {
    folders.delete(name);
  }

  /** Subscribes a name; it need not exist (RFC 9051 §6.3.7). */
  public void subscribe(String name) throws MailvaultException {
    folders.subscribe(name);
  }

  /** Unsubscribes a name; returns whether it was subscribed. */
  public boolean unsubscribe(String name) throws MailvaultException {
    return folders.unsubscribe(name);
  }

  /** Every subscribed name, existing or not, ordered. */
  public List<String> subscriptions() throws MailvaultException {
    return folders.subscriptions();
  }

  // ---------------------------------------------------------------- message writes

  /** Stores one message byte-exact and returns its UID (APPEND, RFC 9051 §6.3.12). */
  public AppendResult append(String folder, NewMessage message) throws MailvaultException {
    return writes.append(folder, List.of(message)).get(0);
  }

  /**
   * Stores several messages in one transaction: all or none, consecutive UIDs (MULTIAPPEND, RFC
   * 3502). The quota is reserved for all of them before anything is written.
   */
  public List<AppendResult> appendAll(String folder, List<NewMessage> messages)
      throws MailvaultException {
    return writes.append(folder, messages);
  }

  /**
   * Stores a spool item unless it was stored before (DESIGN §5): the spool id is recorded in the
   * same transaction as the message, so a drain interrupted anywhere stores it exactly once.
   *
   * @return the new message, or empty when {@code spoolId} was applied already
   */
  public Optional<AppendResult> appendIfAbsent(String spoolId, String folder, NewMessage message)
      throws MailvaultException {
    return writes.appendIfAbsent(
        Objects.requireNonNull(spoolId, "spoolId"), folder, message, false);
  }

  /**
   * Stores a spool item unless it was stored before, like {@link #appendIfAbsent}, without
   * reserving quota: the spool reserved it when the item was sealed (ADR 0112), and the message
   * takes that reservation over, so it is counted once whether it lies in the spool or the vault.
   *
   * @return the new message, or empty when {@code spoolId} was applied already
   */
  public Optional<AppendResult> appendSpooled(String spoolId, String folder, NewMessage message)
      throws MailvaultException {
    return writes.appendIfAbsent(Objects.requireNonNull(spoolId, "spoolId"), folder, message, true);
  }

  /** Whether a spool item was stored already, so a drain can delete it without opening it. */
  public boolean isSpoolApplied(String spoolId) throws MailvaultException {
    return transactions.read(c -> MessageWrites.isApplied(c, spoolId));
  }

  /** Whether an imported message with this key is stored already (ADR 0135). */
  public boolean isImported(byte[] key) throws MailvaultException {
    return transactions.read(c -> MessageWrites.importedAs(c, key).isPresent());
  }

  /**
   * Stores imported messages in one transaction, each unless its key was recorded before (ADR
   * 0135), creating folders as needed; {@link dev.mailvault.store.importer.MailImport} is the way
   * in for importers.
   */
  /**
   * Brings the full-text index up to date in the calling thread (it otherwise follows in the
   * background); for batch jobs such as an import, so that searches after them are fast at once.
   */
  public void indexTextNow() throws MailvaultException {
    ensureOpen();
    shared.textIndexer().runToEnd();
  }

  /** Whether the background full-text indexer has a run queued or running (for tests). */
  boolean textIndexerBusy() {
    return shared.textIndexer().busy();
  }

  public List<ImportedMessage> importMessages(List<ImportItem> items) throws MailvaultException {
    return writes.importMessages(List.copyOf(items));
  }

  /**
   * Changes flags (STORE, RFC 9051 §6.4.6). Only messages whose flags really change get a new
   * MODSEQ (one for the whole command); the result lists just those.
   */
  public List<MessageFlags> storeFlags(String folder, UidSet uids, FlagUpdate update)
      throws MailvaultException {
    return writes.storeFlags(folder, uids, update);
  }

  /**
   * Changes flags of the messages not changed after {@code unchangedSince} (STORE UNCHANGEDSINCE,
   * RFC 7162 §3.1.3), testing and writing in one transaction; the others are listed as modified.
   */
  @Override
  public ConditionalStore storeFlags(
      String folder, UidSet uids, FlagUpdate update, long unchangedSince)
      throws MailvaultException {
    if (unchangedSince < 0) {
      throw new IllegalArgumentException("negative UNCHANGEDSINCE");
    }
    return writes.storeFlags(folder, uids, update, unchangedSince);
  }

  /**
   * Copies messages to another folder under new UIDs, keeping flags and internal dates (RFC 9051
   * §6.4.7), after reserving quota for them. The bytes are shared, not duplicated.
   */
  public CopyResult copy(String from, UidSet uids, String to) throws MailvaultException {
    return writes.copy(from, uids, to);
  }

  /**
   * Moves messages to another folder under new UIDs, atomically (MOVE, RFC 6851): the source loses
   * them as by an expunge, logged. Quota usage does not change.
   */
  public CopyResult move(String from, UidSet uids, String to) throws MailvaultException {
    return writes.move(from, uids, to);
  }

  /** Removes every message flagged {@code \Deleted} (EXPUNGE, RFC 9051 §6.4.3). */
  public ExpungeResult expunge(String folder) throws MailvaultException {
    return writes.expunge(folder, UidSet.all());
  }

  /**
   * Removes the messages in {@code uids} that are flagged {@code \Deleted} (UID EXPUNGE, RFC 4315
   * §2.1), logs each with the new MODSEQ and gives their size back to the quota.
   */
  public ExpungeResult expunge(String folder, UidSet uids) throws MailvaultException {
    return writes.expunge(folder, uids);
  }

  /**
   * Removes messages whatever their flags, as an expunge would, and gives their size back to this
   * handle's ledger: a delivery taking back its copy when another recipient's failed (ADR 0111).
   */
  ExpungeResult withdraw(String folder, UidSet uids) throws MailvaultException {
    return writes.withdraw(folder, uids);
  }

  // ---------------------------------------------------------------- message reads

  /** Every UID in the folder, ascending: what a session needs to map sequence numbers. */
  public long[] uids(String folder) throws MailvaultException {
    return reads.uids(folder);
  }

  /**
   * The UIDs of the messages matching {@code query}, ascending (SEARCH, RFC 9051 §6.4.4), in one
   * read snapshot: keys on stored columns run as SQL, header and text keys read only the stored
   * text and parts they need (docs/adr/0060-search-sql-then-stored-text.md).
   *
   * @throws SearchTooComplexException when the query binds more values than one statement may
   */
  @Override
  public long[] search(String folder, SearchQuery query) throws MailvaultException {
    return reads.search(folder, Objects.requireNonNull(query, "query"));
  }

  /** SORT over the stored keys of vault schema 9 (docs/adr/0215-stored-sort-and-thread-keys.md). */
  @Override
  public long[] sort(String folder, List<SortCriterion> criteria, SearchQuery query)
      throws MailvaultException {
    return sorting.sort(folder, List.copyOf(criteria), Objects.requireNonNull(query, "query"));
  }

  @Override
  public List<MessageThread> thread(String folder, ThreadAlgorithm algorithm, SearchQuery query)
      throws MailvaultException {
    return sorting.thread(
        folder,
        Objects.requireNonNull(algorithm, "algorithm"),
        Objects.requireNonNull(query, "query"));
  }

  /**
   * The lowest UID without {@code \Seen}: the sync index read in UID order up to the first unseen
   * message, not every unseen UID of the folder.
   */
  @Override
  public long firstUnseen(String folder) throws MailvaultException {
    return reads.firstUnseen(folder);
  }

  /** Metadata of the messages in {@code uids}, ascending, without reading their content. */
  public List<MessageMeta> messages(String folder, UidSet uids) throws MailvaultException {
    return reads.changedSince(folder, uids, 0);
  }

  @Override
  public List<MessageMeta> messages(String folder, UidSet uids, boolean structure)
      throws MailvaultException {
    return reads.meta(folder, uids, structure);
  }

  /** Metadata of the messages in {@code uids} changed after {@code modseq} (RFC 7162 §3.1.4). */
  public List<MessageMeta> changedSince(String folder, UidSet uids, long modseq)
      throws MailvaultException {
    return reads.changedSince(folder, uids, modseq);
  }

  @Override
  public List<MessageMeta> changedSince(String folder, UidSet uids, long modseq, boolean structure)
      throws MailvaultException {
    return reads.changedSince(folder, uids, modseq, structure);
  }

  /**
   * UIDs expunged after {@code modseq}, ascending (RFC 7162 §3.2.10 VANISHED): the log is never
   * pruned, so the answer is exact (docs/adr/0211-expunge-log-kept-whole.md).
   */
  @Override
  public List<Long> expungedSince(String folder, long modseq) throws MailvaultException {
    return reads.expungedSince(folder, modseq);
  }

  @Override
  public OptionalLong uidNextAt(String folder, long modseq) throws MailvaultException {
    return reads.uidNextAt(folder, modseq);
  }

  @Override
  public Set<String> keywords(String folder) throws MailvaultException {
    return reads.keywords(folder);
  }

  /** The whole message, byte for byte as it was appended (BODY[]). */
  public byte[] fetch(String folder, long uid) throws MailvaultException {
    return reads.section(folder, uid, "");
  }

  /**
   * Bytes {@code [offset, offset + length)} of the message, cut at its end (BODY[]&lt;a.b&gt;);
   * only the segments that hold them are read.
   */
  public byte[] fetchRange(String folder, long uid, long offset, int length)
      throws MailvaultException {
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException("negative range");
    }
    return reads.range(folder, uid, offset, length);
  }

  /**
   * The bytes of a section (RFC 9051 §6.4.5): {@code ""} for the whole message, {@code HEADER},
   * {@code TEXT}, {@code HEADER.FIELDS (...)}, a part number such as {@code 1.2} and its {@code
   * .MIME}, {@code .HEADER}, {@code .TEXT}. Partial ranges are the caller's job.
   */
  public byte[] fetchSection(String folder, long uid, String section) throws MailvaultException {
    return reads.section(folder, uid, section);
  }

  @Override
  public Map<Long, Map<String, byte[]>> fetchSections(
      String folder, List<Long> uids, List<String> sections) throws MailvaultException {
    return reads.sections(folder, uids, sections);
  }

  // ---------------------------------------------------------------- listeners and diagnostics

  /** Adds a listener for this vault's committed changes; it goes when this handle closes. */
  public VaultListener.Registration addListener(VaultListener listener) {
    ensureOpen();
    VaultListener.Registration registration = shared.addListener(listener);
    registrations.add(registration);
    return () -> {
      registration.close();
      registrations.remove(registration);
    };
  }

  /**
   * Returns once this vault's listeners have heard every change committed before the call (or after
   * a short bound, if delivery is stuck).
   */
  @Override
  public void awaitEvents() {
    ensureOpen();
    shared.awaitEvents();
  }

  /** Storage figures: pages, free pages, contents, blobs and stored bytes. */
  public VaultStats stats() throws MailvaultException {
    return transactions.read(VaultDiagnostics::stats);
  }

  /** {@code PRAGMA integrity_check}: {@code ok}, or SQLite's list of problems. */
  public String integrityCheck() throws MailvaultException {
    return transactions.read(VaultDiagnostics::integrityCheck);
  }

  /** Copies the WAL into the database file and truncates the WAL (for backups and measures). */
  public void checkpoint() throws MailvaultException {
    ensureOpen();
    shared.checkpoint();
  }

  /**
   * Writes a consistent, encrypted copy of the vault to {@code target} (which must not exist): this
   * vault's writes wait for the {@code VACUUM INTO}, other vaults' do not. For backups.
   */
  public void copyTo(Path target) {
    copyTo(target, () -> {});
  }

  /** {@link #copyTo(Path)}, running {@code insideTurn} before the writer's turn ends (tests). */
  void copyTo(Path target, Runnable insideTurn) {
    ensureOpen();
    shared.copyTo(target, insideTurn);
  }

  /** Writes waiting for this vault's writer now (for tests). */
  int queuedWrites() {
    return shared.queuedWrites();
  }

  /**
   * Opens a copy made by {@link #copyTo} read-only with this vault's key, runs {@code PRAGMA
   * quick_check} and computes its content digest ({@link VaultFileCheck}).
   */
  public VaultFileCheck.Result checkCopy(Path copy)
      throws VaultKeyException, VaultCopyDamagedException {
    ensureOpen();
    return shared.checkCopy(copy);
  }

  /** Closes this handle; the vault stays open while other handles on it are open. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      registrations.forEach(VaultListener.Registration::close);
      registrations.clear();
      onClose.run();
    }
  }

  // ---------------------------------------------------------------- internals

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("this vault handle is closed");
    }
  }

  /** The handle's way into the shared vault: refused once the handle is closed. */
  private final class HandleTransactions implements Transactions {
    @Override
    public <T> T write(WriteWork<T> work) throws MailvaultException {
      ensureOpen();
      return shared.write(work);
    }

    @Override
    public <T> T read(ReadWork<T> work) throws MailvaultException {
      ensureOpen();
      return shared.read(work);
    }

    @Override
    public ContentCache contents() {
      return shared.contents();
    }

    @Override
    public void indexText() {
      shared.textIndexer().request();
    }

    @Override
    public long[] folderUids(VaultConnection c, FolderRow folder) throws SQLException {
      return shared.folderUids(c, folder);
    }

    @Override
    public Set<String> folderKeywords(VaultConnection c, FolderRow folder) throws SQLException {
      return shared.folderKeywords(c, folder);
    }
  }
}
