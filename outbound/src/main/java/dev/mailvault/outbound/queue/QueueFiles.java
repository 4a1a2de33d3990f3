package dev.mailvault.outbound.queue;

import dev.mailvault.core.crypto.RandomIds;
import dev.mailvault.core.crypto.SealedData;
import dev.mailvault.core.crypto.SecretBytes;
import dev.mailvault.core.crypto.UnwrapException;
import dev.mailvault.core.fs.OwnerOnly;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The queue directory (ADR 0201): per item a sealed {@code <id>.item} (the message and its
 * envelope, written once) and, once it has been tried, a sealed {@code <id>.state} (each
 * recipient's progress, replaced whole after every attempt). Names are random ids; every byte
 * inside is sealed under the queue key with the kind and the id as associated data, so a file
 * renamed over another does not open.
 *
 * <p>Every write goes to a temporary file that is forced to disk, renamed into place and followed
 * by an fsync of the directory, as the spool does (DESIGN §5): after a crash a file is there whole
 * or not at all.
 */
public final class QueueFiles {

  static final String ITEM = ".item";
  static final String STATE = ".state";

  /**
   * An empty file beside an item that is prepared but not committed (ADR 0240): written before the
   * item, deleted by the commit. An item found with it at start is deleted: no 250 was sent for it.
   */
  static final String HELD = ".held";

  private static final String TEMP_PREFIX = ".tmp-";
  private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");
  private static final String BINDING = "mailvault:queue:v1:";

  private final Path directory;
  private final SecretBytes key;

  /** The queue in {@code directory}, sealed under {@code key}; the caller keeps the key alive. */
  public QueueFiles(Path directory, SecretBytes key) {
    this.directory = directory;
    this.key = key;
  }

  public Path directory() {
    return directory;
  }

  /** Creates the directory if needed and deletes temporary files a crash left behind. */
  void prepare() throws IOException {
    if (!Files.isDirectory(directory)) {
      OwnerOnly.createDirectories(directory);
      if (directory.getParent() != null) {
        syncDirectory(directory.getParent());
      }
    }
    try (DirectoryStream<Path> temps = Files.newDirectoryStream(directory, TEMP_PREFIX + "*")) {
      for (Path temp : temps) {
        Files.deleteIfExists(temp);
      }
    }
  }

  /** A new random item id. */
  static String newId() {
    return RandomIds.hex(16);
  }

  /** Whether {@code id} has the form of an item id. */
  public static boolean isId(String id) {
    return id != null && ID.matcher(id).matches();
  }

  /** The ids of every item on disk. */
  List<String> ids() throws IOException {
    List<String> ids = new ArrayList<>();
    if (!Files.isDirectory(directory)) {
      return ids;
    }
    try (DirectoryStream<Path> items = Files.newDirectoryStream(directory, "*" + ITEM)) {
      for (Path item : items) {
        String name = item.getFileName().toString();
        String id = name.substring(0, name.length() - ITEM.length());
        if (isId(id) && !Files.exists(directory.resolve(id + HELD))) {
          ids.add(id);
        }
      }
    }
    return ids;
  }

  /**
   * Deletes state files whose item is gone (a crash between the two deletes of {@link #delete}).
   */
  void deleteOrphanStates() throws IOException {
    try (DirectoryStream<Path> states = Files.newDirectoryStream(directory, "*" + STATE)) {
      for (Path state : states) {
        String name = state.getFileName().toString();
        String id = name.substring(0, name.length() - STATE.length());
        if (!Files.exists(directory.resolve(id + ITEM))) {
          Files.deleteIfExists(state);
        }
      }
    }
  }

  /** Marks {@code id} held, durably, before its item is written. */
  void markHeld(String id) throws IOException {
    write(id + HELD, new byte[0]);
  }

  /** Releases a held item: once this returns, a restart keeps it. */
  void release(String id) throws IOException {
    Files.delete(file(id, HELD));
    syncDirectory(directory);
  }

  /**
   * Deletes every item still held, with its marker (the item first, as {@link #delete} does); a
   * marker whose item was never written goes too.
   *
   * @return how many held items there were
   */
  int deleteHeld() throws IOException {
    int count = 0;
    try (DirectoryStream<Path> held = Files.newDirectoryStream(directory, "*" + HELD)) {
      for (Path marker : held) {
        String name = marker.getFileName().toString();
        String id = name.substring(0, name.length() - HELD.length());
        if (isId(id)) {
          delete(id);
          count++;
        }
        Files.deleteIfExists(marker);
      }
    }
    syncDirectory(directory);
    return count;
  }

  void writeItem(String id, byte[] plaintext) throws IOException {
    write(id + ITEM, seal(plaintext, ITEM, id));
  }

  void writeState(String id, byte[] plaintext) throws IOException {
    write(id + STATE, seal(plaintext, STATE, id));
  }

  byte[] readItem(String id) throws IOException, UnwrapException {
    return open(Files.readAllBytes(file(id, ITEM)), ITEM, id);
  }

  /** The item's last recorded state; null when it has never been written (not tried yet). */
  byte[] readState(String id) throws IOException, UnwrapException {
    try {
      return open(Files.readAllBytes(file(id, STATE)), STATE, id);
    } catch (NoSuchFileException neverTried) {
      return null;
    }
  }

  /**
   * Deletes an item: the message first, so that a crash in between leaves an orphan state (deleted
   * at the next start) and never a message without its progress, which would be sent again.
   */
  void delete(String id) throws IOException {
    Files.deleteIfExists(file(id, ITEM));
    syncDirectory(directory);
    Files.deleteIfExists(file(id, STATE));
    Files.deleteIfExists(file(id, HELD));
  }

  private Path file(String id, String kind) {
    if (!isId(id)) {
      throw new IllegalArgumentException("not a queue id");
    }
    return directory.resolve(id + kind);
  }

  private byte[] seal(byte[] plaintext, String kind, String id) {
    return SealedData.seal(key, plaintext, binding(kind, id));
  }

  private byte[] open(byte[] sealed, String kind, String id) throws UnwrapException {
    return SealedData.open(key, sealed, binding(kind, id));
  }

  private static byte[] binding(String kind, String id) {
    return (BINDING + kind + ":" + id).getBytes(StandardCharsets.US_ASCII);
  }

  private void write(String name, byte[] content) throws IOException {
    Path temp = directory.resolve(TEMP_PREFIX + RandomIds.hex(8));
    try {
      try (FileChannel channel =
          FileChannel.open(
              temp,
              Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
              OwnerOnly.fileMode())) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      Files.move(
          temp,
          directory.resolve(name),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    // The rename must survive a crash or power loss before the caller reports success.
    syncDirectory(directory);
  }

  /** fsync of a directory, so that a rename or delete in it is durable (POSIX). */
  static void syncDirectory(Path directory) throws IOException {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }
}
