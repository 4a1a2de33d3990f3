package dev.mailvault.server.tls;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Replaces a file so that a crash leaves either the old content or the new, never part of it: write
 * a temporary file beside it, fsync, rename over the target, fsync the folder.
 */
final class AtomicFiles {

  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private AtomicFiles() {}

  /** Creates the folder owner-only ({@code rwx------}) if it does not exist. */
  static void createPrivateDirectory(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      Files.createDirectories(
          directory, POSIX ? new FileAttribute<?>[] {permissions("rwx------")} : none());
      sync(directory.toAbsolutePath().getParent());
    }
  }

  /**
   * Writes {@code content} to {@code target} atomically.
   *
   * @param ownerOnly {@code rw-------} instead of {@code rw-r--r--}; the temporary file has the
   *     final mode from its creation, so a key is never readable by others, not even briefly
   */
  static void write(Path target, byte[] content, boolean ownerOnly) throws IOException {
    Path directory = target.toAbsolutePath().getParent();
    FileAttribute<?>[] mode =
        POSIX
            ? new FileAttribute<?>[] {permissions(ownerOnly ? "rw-------" : "rw-r--r--")}
            : none();
    Path temp = Files.createTempFile(directory, ".tmp-", ".pem", mode);
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
    sync(directory);
  }

  /** fsync of a folder, so a rename in it survives power loss (POSIX); a no-op elsewhere. */
  private static void sync(Path directory) throws IOException {
    if (POSIX) {
      try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
        channel.force(true);
      }
    }
  }

  private static FileAttribute<?> permissions(String mode) {
    return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode));
  }

  private static FileAttribute<?>[] none() {
    return new FileAttribute<?>[0];
  }
}
