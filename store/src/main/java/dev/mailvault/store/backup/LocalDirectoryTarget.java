package dev.mailvault.store.backup;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A {@link BackupTarget} in a local directory, by default {@code <data>/backups}: key {@code a/b.c}
 * is the file {@code <root>/a/b.c}. Folders are {@code rwx------} and files {@code rw-------}.
 *
 * <p>A put writes {@code .tmp-*} beside the final name, fsyncs it, then hard-links it under the key
 * and fsyncs the folder (ADR 0130): the link is atomic and fails when the key exists, so a crash
 * never leaves a partial object under a real key and a key is never replaced. Temporary files left
 * by a crash are never listed; {@link #removeLeftovers} clears them.
 *
 * <p>Concurrency: safe for many threads and processes. A delete removes folders it empties; a put
 * that races it into the same folder recreates the folder and tries again.
 */
public final class LocalDirectoryTarget implements BackupTarget {

  static final String TEMP_PREFIX = ".tmp-";
  private static final int FOLDER_RACE_RETRIES = 5;
  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private final Path root;

  /** A target over {@code root}; the folder is created (owner-only) on the first put. */
  public LocalDirectoryTarget(Path root) {
    this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
  }

  /** The folder the objects live in. */
  public Path root() {
    return root;
  }

  @Override
  public void put(String key, Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      write(key, in);
    }
  }

  @Override
  public void put(String key, byte[] bytes) throws IOException {
    write(key, new ByteArrayInputStream(bytes));
  }

  @Override
  public InputStream get(String key) throws IOException {
    Path file = fileOf(key);
    try {
      return Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(key, null, "no backup object under this key in " + describe());
    }
  }

  @Override
  public List<String> list(String prefix) throws IOException {
    BackupKeySyntax.checkPrefix(prefix);
    // Walk only the deepest folder the prefix names in full: "v1/2024" walks <root>/v1.
    int slash = prefix.lastIndexOf('/');
    Path start = slash < 0 ? root : root.resolve(prefix.substring(0, slash));
    if (!Files.isDirectory(start)) {
      return List.of();
    }
    List<String> keys = new ArrayList<>();
    try (Stream<Path> files = Files.walk(start)) {
      files
          .filter(Files::isRegularFile)
          .map(this::keyOf)
          .filter(key -> key.startsWith(prefix) && !isTemporary(key))
          .forEach(keys::add);
    } catch (UncheckedIOException e) {
      // A concurrent delete removed a folder during the walk: list again from a quieter tree.
      if (e.getCause() instanceof NoSuchFileException) {
        return list(prefix);
      }
      throw e.getCause();
    }
    keys.sort(BackupKeySyntax.ORDER);
    return keys;
  }

  @Override
  public void delete(String key) throws IOException {
    Path file = fileOf(key);
    if (Files.deleteIfExists(file)) {
      removeEmptyFolders(file.getParent());
    }
  }

  /**
   * Removes temporary files a crashed put left behind. Call it only while nothing puts to this
   * target (at startup), since it cannot tell an abandoned temporary file from one being written.
   *
   * @return how many were removed
   */
  public int removeLeftovers() throws IOException {
    if (!Files.isDirectory(root)) {
      return 0;
    }
    List<Path> leftovers;
    try (Stream<Path> files = Files.walk(root)) {
      leftovers =
          files
              .filter(Files::isRegularFile)
              .filter(f -> f.getFileName().toString().startsWith(TEMP_PREFIX))
              .toList();
    }
    for (Path leftover : leftovers) {
      Files.deleteIfExists(leftover);
    }
    return leftovers.size();
  }

  @Override
  public String describe() {
    return root.toString();
  }

  @Override
  public void close() {
    // Nothing is held open between calls.
  }

  private void write(String key, InputStream content) throws IOException {
    Path target = fileOf(key);
    if (Files.exists(target)) {
      throw new FileAlreadyExistsException(key, null, "a backup object exists under this key");
    }
    Path folder = target.getParent();
    Path temp = createTemporary(folder);
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
          OutputStream out = Channels.newOutputStream(channel)) {
        content.transferTo(out);
        channel.force(true);
      }
      try {
        // The link is the commit point; unlike rename it refuses to replace an existing key.
        Files.createLink(target, temp);
      } catch (FileAlreadyExistsException e) {
        throw new FileAlreadyExistsException(key, null, "a backup object exists under this key");
      }
    } finally {
      Files.deleteIfExists(temp);
    }
    syncFolder(folder);
  }

  private Path createTemporary(Path folder) throws IOException {
    for (int attempt = 0; ; attempt++) {
      createFolders(folder);
      try {
        return Files.createTempFile(folder, TEMP_PREFIX, "", fileMode());
      } catch (NoSuchFileException e) {
        // A delete emptied and removed the folder between our mkdir and create: make it again.
        if (attempt == FOLDER_RACE_RETRIES) {
          throw e;
        }
      }
    }
  }

  /** Creates {@code folder} and its missing parents below (and including) the root, owner-only. */
  private void createFolders(Path folder) throws IOException {
    if (Files.isDirectory(folder)) {
      return;
    }
    if (folder.equals(root)) {
      Files.createDirectories(root.getParent());
    } else {
      createFolders(folder.getParent());
    }
    try {
      Files.createDirectory(folder, folderMode());
    } catch (FileAlreadyExistsException raced) {
      if (!Files.isDirectory(folder)) {
        throw raced;
      }
      return;
    }
    syncFolder(folder.getParent());
  }

  private void removeEmptyFolders(Path folder) throws IOException {
    Path current = folder;
    while (current != null && !current.equals(root) && current.startsWith(root)) {
      try {
        Files.delete(current);
      } catch (DirectoryNotEmptyException | NoSuchFileException stop) {
        break;
      }
      current = current.getParent();
    }
    syncFolder(current == null ? root : current);
  }

  private Path fileOf(String key) {
    BackupKeySyntax.checkKey(key);
    Path file = root.resolve(key).normalize();
    // checkKey already forbids "..", this guards against a platform resolving a key differently.
    if (!file.startsWith(root) || file.equals(root)) {
      throw new IllegalArgumentException("backup key escapes the backup folder: " + key);
    }
    return file;
  }

  private String keyOf(Path file) {
    return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
  }

  private static boolean isTemporary(String key) {
    return key.substring(key.lastIndexOf('/') + 1).startsWith(TEMP_PREFIX);
  }

  private static void syncFolder(Path folder) throws IOException {
    if (POSIX && Files.isDirectory(folder)) {
      try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
        channel.force(true);
      }
    }
  }

  private static FileAttribute<?>[] fileMode() {
    return POSIX ? new FileAttribute<?>[] {mode("rw-------")} : new FileAttribute<?>[0];
  }

  private static FileAttribute<?>[] folderMode() {
    return POSIX ? new FileAttribute<?>[] {mode("rwx------")} : new FileAttribute<?>[0];
  }

  private static FileAttribute<Set<PosixFilePermission>> mode(String m) {
    return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(m));
  }
}
