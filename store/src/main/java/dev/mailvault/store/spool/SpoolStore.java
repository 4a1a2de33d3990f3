package dev.mailvault.store.spool;

import dev.mailvault.core.crypto.RandomIds;
import dev.mailvault.core.crypto.SecretBytes;
import dev.mailvault.core.crypto.SpoolSealer;
import dev.mailvault.core.crypto.UnwrapException;
import dev.mailvault.core.fs.OwnerOnly;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sealed spool on disk (DESIGN §5, ADR 0151): per alias a folder {@code <root>/<vaultId>} of
 * append-only segments ({@link SpoolSegment}) holding {@link SpoolSealer} sealings of {@link
 * SpoolItem}s to the alias's spool public key. Neither a segment's name (creation time and a random
 * part) nor its framing (lengths and random item ids) says anything of the mail.
 *
 * <p>Folders may also hold items of the first format (ADR 0036), one file per item named by its id;
 * they are read, drained and deleted like the rest, and nothing writes them any more.
 *
 * <p>Concurrency: any number of threads may {@link #put} at once; puts to one alias take turns.
 * Several stores (processes) may put into one root: each writes its own segments, each segment
 * under a file lock while it is open. {@link #release} deletes a segment only once it holds that
 * lock itself and every item in it is done, so a segment still being written is never deleted.
 */
public final class SpoolStore implements AutoCloseable {

  private static final Pattern VAULT_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");
  private static final Pattern ITEM_ID = Pattern.compile("[0-9a-f]{32}");
  private static final String TEMP_PREFIX = ".tmp-";
  private static final byte[] AAD_LABEL =
      "mailvault:spool-item:v1".getBytes(StandardCharsets.US_ASCII);
  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  private static final Logger LOG = LoggerFactory.getLogger(SpoolStore.class);

  private final Path root;
  private final SpoolAppender appender;
  private final SpoolEncapsulations encapsulations = new SpoolEncapsulations();
  private ScheduledExecutorService housekeeping;

  /** A store over {@code root}, normally {@code <data>/spool}; created on the first put. */
  public SpoolStore(Path root) {
    this(root, SpoolSegment.ROTATE_AT);
  }

  /** A store whose segments are closed once they reach {@code rotateAt} bytes (for tests). */
  SpoolStore(Path root, long rotateAt) {
    this.root = Objects.requireNonNull(root, "root");
    this.appender = new SpoolAppender(this::ensureFolder, fileCreation(), rotateAt);
  }

  /**
   * Fences puts by a cluster primary's lease (docs/adr/0281-fencing.md): a put is refused with
   * {@link SpoolFencedException} when the lease is not valid right before the record is written, or
   * right after it was forced (then it is cut back off the segment). None by default.
   */
  public void setFences(dev.mailvault.store.VaultFences fences) {
    appender.setLeaseCheck(fences == null ? () -> true : fences::leaseValid);
  }

  /** The alias's spool folder, {@code <root>/<vaultId>}. */
  public Path folderOf(String vaultId) {
    return root.resolve(checkVaultId(vaultId));
  }

  /**
   * Seals {@code item} to {@code publicKey} and stores it durably: when this returns, the item is
   * on disk and survives a crash or power loss (ADR 0151), so the MX may answer 250.
   *
   * @return the new item's id
   * @throws IllegalArgumentException when {@code publicKey} is not a spool public key
   */
  public String put(String vaultId, byte[] publicKey, SpoolItem item) throws IOException {
    checkVaultId(vaultId);
    String itemId = RandomIds.hex(SpoolSegment.ID_BYTES);
    byte[] plaintext = SpoolItemCodec.encode(item);
    byte[] sealed;
    try {
      sealed = encapsulations.seal(vaultId, publicKey, plaintext, aad(vaultId, itemId));
    } finally {
      // Best effort, as with keys: the serialized mail should not linger in the heap.
      Arrays.fill(plaintext, (byte) 0);
    }
    startHousekeeping();
    appender.append(vaultId, SpoolSegment.record(SpoolSegment.ITEM, itemId, sealed));
    return itemId;
  }

  /**
   * Once a second: closes idle segments (ADR 0151) and wipes expired encapsulations (ADR 0152). A
   * daemon thread, started by the first put: stores that only drain or delete never start it.
   */
  private synchronized void startHousekeeping() {
    if (housekeeping == null) {
      housekeeping =
          Executors.newSingleThreadScheduledExecutor(
              task -> {
                Thread thread = new Thread(task, "spool-housekeeping");
                thread.setDaemon(true);
                return thread;
              });
      housekeeping.scheduleWithFixedDelay(
          () -> {
            appender.closeIdle();
            encapsulations.expire();
          },
          1,
          1,
          TimeUnit.SECONDS);
    }
  }

  /**
   * Takes back an item that a failed delivery spooled (ADR 0111): it is no longer listed, and goes
   * with its segment once the rest of the segment is drained. A missing item is not an error.
   */
  public void withdraw(String vaultId, String itemId) throws IOException {
    Path legacy = fileOf(vaultId, itemId);
    if (Files.deleteIfExists(legacy)) {
      return;
    }
    appender.append(vaultId, SpoolSegment.record(SpoolSegment.WITHDRAWAL, itemId, new byte[0]));
  }

  /** The ids of the alias's waiting items, oldest first. */
  public List<String> list(String vaultId) throws IOException {
    return entries(vaultId).stream().map(SpoolEntry::id).toList();
  }

  /** The total size of the alias's waiting sealed items, for quota accounting. */
  public long bytes(String vaultId) throws IOException {
    return entries(vaultId).stream().mapToLong(SpoolEntry::length).sum();
  }

  /**
   * The alias's waiting items, oldest first: items of the first format by file time, then the
   * segments' items in the order they were written. Withdrawn items are left out.
   */
  public List<SpoolEntry> entries(String vaultId) throws IOException {
    Listing listing = listing(vaultId);
    List<SpoolEntry> entries = new ArrayList<>(listing.legacy);
    Set<String> withdrawn = listing.withdrawn();
    for (Map.Entry<Path, SpoolSegment.Scan> segment : listing.segments.entrySet()) {
      for (SpoolSegment.Record record : segment.getValue().records()) {
        if (record.type() == SpoolSegment.ITEM && !withdrawn.contains(record.itemId())) {
          entries.add(
              new SpoolEntry(record.itemId(), segment.getKey(), record.offset(), record.length()));
        }
      }
    }
    return entries;
  }

  /** The sealed bytes of one item, exactly as stored. */
  public byte[] readSealed(String vaultId, String itemId) throws IOException {
    return readSealed(find(vaultId, itemId));
  }

  private static byte[] readSealed(SpoolEntry entry) throws IOException {
    return SpoolSegment.payload(entry.file(), entry.offset(), entry.length());
  }

  /**
   * Reads and opens one item with the alias's spool private key.
   *
   * @throws NoSuchFileException when no such item waits
   * @throws SpoolItemUnreadableException when the key is not the one it was sealed for, or the item
   *     was altered, truncated, or moved from another alias's folder or name
   */
  public SpoolItem open(String vaultId, String itemId, SecretBytes privateKey)
      throws IOException, SpoolItemUnreadableException {
    return open(vaultId, find(vaultId, itemId), privateKey);
  }

  /** {@link #open(String, String, SecretBytes)} for an entry {@link #entries} listed. */
  public SpoolItem open(String vaultId, SpoolEntry entry, SecretBytes privateKey)
      throws IOException, SpoolItemUnreadableException {
    byte[] sealed = readSealed(entry);
    byte[] plaintext;
    try {
      plaintext = SpoolSealer.open(privateKey, sealed, aad(vaultId, entry.id()));
    } catch (UnwrapException e) {
      throw new SpoolItemUnreadableException("spool item " + entry.id() + " cannot be opened", e);
    } catch (IllegalArgumentException e) {
      throw new SpoolItemUnreadableException("the key is not a spool private key", e);
    }
    return SpoolItemCodec.decode(plaintext);
  }

  /**
   * Closes this store's open segment of the alias, so that {@link #release} can delete it once it
   * is drained; the next put begins a new one. A drain calls this first.
   */
  public void closeSegment(String vaultId) throws IOException {
    appender.close(checkVaultId(vaultId));
  }

  /**
   * Deletes what the drain is done with: the first-format items among {@code done}, and, oldest
   * first, each segment whose items are all done or withdrawn and that no store has open. It stops
   * at the first segment it must keep, since a later segment may hold the withdrawal of an item in
   * it. The folder is not synced: should a delete be lost in a crash, the next drain finds the ids
   * applied and deletes again.
   *
   * @return how many files were deleted
   */
  public int release(String vaultId, Set<String> done) throws IOException {
    Listing listing = listing(vaultId);
    int deleted = 0;
    for (SpoolEntry entry : listing.legacy) {
      if (done.contains(entry.id()) && Files.deleteIfExists(entry.file())) {
        deleted++;
      }
    }
    Set<String> finished = new HashSet<>(done);
    finished.addAll(listing.withdrawn());
    for (Path segment : listing.segments.keySet()) {
      if (!deleteIfFinished(segment, finished)) {
        break;
      }
      deleted++;
    }
    return deleted;
  }

  /** Deletes {@code segment} if nobody writes it and all its items are finished. */
  private static boolean deleteIfFinished(Path segment, Set<String> finished) throws IOException {
    try (FileChannel channel =
        FileChannel.open(segment, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      if (!lockedHere(channel)) {
        return false;
      }
      // Read again under the lock: records may have been added since the listing.
      SpoolSegment.Scan scan = SpoolSegment.scan(segment);
      if (!scan.whole() && !scan.tornTail()) {
        LOG.warn("spool segment {} is damaged after offset {}: kept", segment, scan.end());
        return false;
      }
      for (SpoolSegment.Record record : scan.records()) {
        if (record.type() == SpoolSegment.ITEM && !finished.contains(record.itemId())) {
          return false;
        }
      }
      Files.delete(segment);
      return true;
    } catch (NoSuchFileException deletedMeanwhile) {
      return true;
    }
  }

  /**
   * Removes the alias's whole spool folder, items and leftovers alike: for deleting an alias, once
   * the MX no longer accepts mail for it.
   *
   * @throws IOException when another store is writing to it (a delivery in progress elsewhere)
   */
  public void deleteAll(String vaultId) throws IOException {
    Path folder = folderOf(vaultId);
    if (!Files.isDirectory(folder)) {
      return;
    }
    appender.close(vaultId);
    encapsulations.forget(vaultId);
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
      for (Path file : files) {
        if (SpoolSegment.isSegmentName(file.getFileName().toString())) {
          deleteUnlessWritten(file);
        } else {
          Files.deleteIfExists(file);
        }
      }
    }
    Files.deleteIfExists(folder);
    syncDirectory(root);
  }

  /**
   * Takes the segment's lock, held until {@code channel} closes; false when a store, in this
   * process or another, has the segment open for appends.
   */
  private static boolean lockedHere(FileChannel channel) throws IOException {
    try {
      return channel.tryLock() != null;
    } catch (OverlappingFileLockException openInThisProcess) {
      return false;
    }
  }

  private static void deleteUnlessWritten(Path segment) throws IOException {
    try (FileChannel channel =
        FileChannel.open(segment, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      if (!lockedHere(channel)) {
        throw new IOException("a delivery is writing to this spool; try again");
      }
      Files.delete(segment);
    } catch (NoSuchFileException deletedMeanwhile) {
      // Another drain or removal made it first.
    }
  }

  /**
   * Removes temporary files that a crash during a put of the first format (ADR 0036) left behind.
   *
   * @return how many were removed
   */
  public int removeLeftovers(String vaultId) throws IOException {
    Path folder = folderOf(vaultId);
    if (!Files.isDirectory(folder)) {
      return 0;
    }
    int removed = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, TEMP_PREFIX + "*")) {
      for (Path file : files) {
        if (Files.deleteIfExists(file)) {
          removed++;
        }
      }
    }
    return removed;
  }

  /** Closes the open segments (their records are all on disk already) and wipes the KEM secrets. */
  @Override
  public void close() {
    synchronized (this) {
      if (housekeeping != null) {
        housekeeping.shutdownNow();
      }
    }
    appender.close();
    encapsulations.close();
  }

  private SpoolEntry find(String vaultId, String itemId) throws IOException {
    fileOf(vaultId, itemId);
    for (SpoolEntry entry : entries(vaultId)) {
      if (entry.id().equals(itemId)) {
        return entry;
      }
    }
    throw new NoSuchFileException("spool item " + itemId);
  }

  private Listing listing(String vaultId) throws IOException {
    Path folder = folderOf(vaultId);
    List<LegacyFile> legacy = new ArrayList<>();
    Map<Path, SpoolSegment.Scan> segments = new TreeMap<>();
    if (!Files.isDirectory(folder)) {
      return new Listing(List.of(), segments);
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        try {
          if (SpoolSegment.isSegmentName(name)) {
            segments.put(file, SpoolSegment.scan(file));
          } else if (ITEM_ID.matcher(name).matches()) {
            legacy.add(
                new LegacyFile(
                    new SpoolEntry(name, file, 0, Math.toIntExact(Files.size(file))),
                    Files.getLastModifiedTime(file)));
          }
        } catch (NoSuchFileException drainedMeanwhile) {
          // Another drain deleted it between the listing and the read: it no longer waits.
        }
      }
    }
    legacy.sort(Comparator.comparing(LegacyFile::modified).thenComparing(f -> f.entry().id()));
    return new Listing(legacy.stream().map(LegacyFile::entry).toList(), segments);
  }

  /** A folder as read: its first-format items, and its segments in name (creation) order. */
  private record Listing(List<SpoolEntry> legacy, Map<Path, SpoolSegment.Scan> segments) {
    Set<String> withdrawn() {
      Set<String> ids = new HashSet<>();
      for (SpoolSegment.Scan scan : segments.values()) {
        for (SpoolSegment.Record record : scan.records()) {
          if (record.type() == SpoolSegment.WITHDRAWAL) {
            ids.add(record.itemId());
          }
        }
      }
      return ids;
    }
  }

  private record LegacyFile(SpoolEntry entry, FileTime modified) {}

  /**
   * The associated data binds a sealing to its vault and its id, so a file copied into another
   * alias's folder or renamed over another item does not open (length-prefixed, so no two pairs
   * encode alike).
   */
  static byte[] aad(String vaultId, String itemId) {
    byte[] vault = vaultId.getBytes(StandardCharsets.US_ASCII);
    byte[] item = itemId.getBytes(StandardCharsets.US_ASCII);
    return ByteBuffer.allocate(AAD_LABEL.length + 4 + vault.length + 4 + item.length)
        .put(AAD_LABEL)
        .putInt(vault.length)
        .put(vault)
        .putInt(item.length)
        .put(item)
        .array();
  }

  private Path fileOf(String vaultId, String itemId) {
    if (itemId == null || !ITEM_ID.matcher(itemId).matches()) {
      throw new IllegalArgumentException("not a spool item id");
    }
    return folderOf(vaultId).resolve(itemId);
  }

  private Path ensureFolder(String vaultId) throws IOException {
    Path folder = folderOf(vaultId);
    if (Files.isDirectory(folder)) {
      return folder;
    }
    if (!Files.isDirectory(root)) {
      OwnerOnly.createDirectories(root);
      if (root.getParent() != null) {
        syncDirectory(root.getParent());
      }
    }
    try {
      Files.createDirectory(folder, folderCreation());
    } catch (FileAlreadyExistsException concurrentPut) {
      // Another put made it first: fine.
    }
    // The new folder's entry must be durable too, or a crash could lose the folder with its item.
    syncDirectory(root);
    return folder;
  }

  /** fsync of a directory, so that a rename or create in it survives power loss (POSIX). */
  static void syncDirectory(Path directory) throws IOException {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  private static FileAttribute<?>[] fileCreation() {
    return POSIX
        ? new FileAttribute<?>[] {
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
        }
        : new FileAttribute<?>[0];
  }

  private static FileAttribute<?>[] folderCreation() {
    return POSIX
        ? new FileAttribute<?>[] {
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))
        }
        : new FileAttribute<?>[0];
  }

  private static String checkVaultId(String vaultId) {
    if (vaultId == null || !VAULT_ID.matcher(vaultId).matches()) {
      throw new IllegalArgumentException("not a vault id");
    }
    return vaultId;
  }
}
