package dev.mailvault.store.spool;

import dev.mailvault.core.crypto.RandomIds;
import dev.mailvault.core.crypto.SecretBytes;
import dev.mailvault.core.crypto.SpoolSealer;
import dev.mailvault.core.crypto.UnwrapException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Sealed spool files on disk (DESIGN §5, ADR 0036): {@code <root>/<vaultId>/<itemId>}, each the
 * {@link SpoolSealer} sealing of one {@link SpoolItem} to the alias's spool public key. The file
 * name is the random item id and nothing else; a file in progress is {@code .tmp-<itemId>} until it
 * is renamed into place.
 *
 * <p>Concurrency: any number of threads and processes may {@link #put} at once (every put writes
 * its own file and renames it atomically). {@link #removeLeftovers} must run only while no put is
 * running for that vault (at startup), since it cannot tell an abandoned temporary file from one
 * being written.
 */
public final class SpoolStore {

  private static final Pattern VAULT_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");
  private static final Pattern ITEM_ID = Pattern.compile("[0-9a-f]{32}");
  private static final String TEMP_PREFIX = ".tmp-";
  private static final int ID_BYTES = 16;
  private static final byte[] AAD_LABEL =
      "mailvault:spool-item:v1".getBytes(StandardCharsets.US_ASCII);
  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private final Path root;

  /** A store over {@code root}, normally {@code <data>/spool}; created on the first put. */
  public SpoolStore(Path root) {
    this.root = Objects.requireNonNull(root, "root");
  }

  /** The alias's spool folder, {@code <root>/<vaultId>}. */
  public Path folderOf(String vaultId) {
    return root.resolve(checkVaultId(vaultId));
  }

  /**
   * Seals {@code item} to {@code publicKey} and stores it durably: when this returns, the item is
   * on disk under its final name and survives a crash or power loss (ADR 0036), so the MX may
   * answer 250.
   *
   * @return the new item's id
   * @throws IllegalArgumentException when {@code publicKey} is not a spool public key
   */
  public String put(String vaultId, byte[] publicKey, SpoolItem item) throws IOException {
    Path folder = ensureFolder(vaultId);
    String itemId = RandomIds.hex(ID_BYTES);
    byte[] plaintext = SpoolItemCodec.encode(item);
    byte[] sealed;
    try {
      sealed = SpoolSealer.seal(publicKey, plaintext, aad(vaultId, itemId));
    } finally {
      // Best effort, as with keys: the serialized mail should not linger in the heap.
      Arrays.fill(plaintext, (byte) 0);
    }
    Path temp = folder.resolve(TEMP_PREFIX + itemId);
    try (FileChannel channel =
        FileChannel.open(
            temp,
            Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
            fileCreation())) {
      ByteBuffer buffer = ByteBuffer.wrap(sealed);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    } catch (IOException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    // The rename is the commit point: before it the item is a leftover, after it a whole item.
    try {
      Files.move(temp, folder.resolve(itemId), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    syncDirectory(folder);
    return itemId;
  }

  /** The ids of the alias's complete items, oldest first (by file time, then id). */
  public List<String> list(String vaultId) throws IOException {
    return entries(vaultId).stream().map(Entry::id).toList();
  }

  /** The total size of the alias's sealed items, for quota accounting. */
  public long bytes(String vaultId) throws IOException {
    return entries(vaultId).stream().mapToLong(Entry::size).sum();
  }

  private List<Entry> entries(String vaultId) throws IOException {
    List<Entry> entries = new ArrayList<>();
    Path folder = folderOf(vaultId);
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (!ITEM_ID.matcher(name).matches()) {
          continue;
        }
        try {
          entries.add(new Entry(name, Files.getLastModifiedTime(file), Files.size(file)));
        } catch (NoSuchFileException drainedMeanwhile) {
          // Another drain deleted it between the listing and the stat: it is no longer waiting.
        }
      }
    }
    entries.sort(Comparator.comparing(Entry::modified).thenComparing(Entry::id));
    return entries;
  }

  /** The sealed bytes of one item, exactly as stored. */
  public byte[] readSealed(String vaultId, String itemId) throws IOException {
    return Files.readAllBytes(fileOf(vaultId, itemId));
  }

  /**
   * Reads and opens one item with the alias's spool private key.
   *
   * @throws SpoolItemUnreadableException when the key is not the one it was sealed for, or the file
   *     was altered, truncated, or moved from another alias's folder or name
   */
  public SpoolItem open(String vaultId, String itemId, SecretBytes privateKey)
      throws IOException, SpoolItemUnreadableException {
    byte[] sealed = readSealed(vaultId, itemId);
    byte[] plaintext;
    try {
      plaintext = SpoolSealer.open(privateKey, sealed, aad(vaultId, itemId));
    } catch (UnwrapException e) {
      throw new SpoolItemUnreadableException("spool item " + itemId + " cannot be opened", e);
    } catch (IllegalArgumentException e) {
      throw new SpoolItemUnreadableException("the key is not a spool private key", e);
    }
    return SpoolItemCodec.decode(plaintext);
  }

  /**
   * Deletes one item; a missing item is not an error. The folder is not synced: should the delete
   * be lost in a crash, the next drain finds the id applied and deletes the file again.
   */
  public void delete(String vaultId, String itemId) throws IOException {
    Files.deleteIfExists(fileOf(vaultId, itemId));
  }

  /**
   * Removes the alias's whole spool folder, items and leftovers alike: for deleting an alias, once
   * the MX no longer accepts mail for it (a put running meanwhile would make this fail).
   */
  public void deleteAll(String vaultId) throws IOException {
    Path folder = folderOf(vaultId);
    if (!Files.isDirectory(folder)) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
      for (Path file : files) {
        Files.deleteIfExists(file);
      }
    }
    Files.deleteIfExists(folder);
    syncDirectory(root);
  }

  /**
   * Removes temporary files that a crash during {@link #put} left behind. Only while no put runs
   * for this vault (see the class comment).
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
      Files.createDirectories(root);
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
  private static void syncDirectory(Path directory) throws IOException {
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

  private record Entry(String id, FileTime modified, long size) {}
}
