package dev.mailvault.core.spill;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Where input still arriving is kept (ADR 0165): up to a threshold in memory, beyond it in files of
 * this node's temporary directory, sealed under a key that never leaves memory. Every buffer takes
 * its bytes from the one {@link InFlightBudget} of the node. Thread-safe.
 */
public final class SpillArea {

  /** Input kept in memory before it spills: a typical message never touches the disk. */
  public static final int DEFAULT_THRESHOLD = 256 * 1024;

  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private final Path directory;
  private final int threshold;
  private final InFlightBudget budget;

  private SpillArea(Path directory, int threshold, InFlightBudget budget) {
    this.directory = directory;
    this.threshold = threshold;
    this.budget = budget;
  }

  /**
   * Creates {@code directory} if needed and deletes what a previous run left there: its keys died
   * with that process, so those files can never be read again.
   */
  public static SpillArea open(Path directory, int threshold, InFlightBudget budget)
      throws IOException {
    if (threshold < 0) {
      throw new IllegalArgumentException("negative spill threshold");
    }
    if (POSIX) {
      Files.createDirectories(
          directory,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } else {
      Files.createDirectories(directory);
    }
    try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(directory)) {
      for (Path leftover : leftovers) {
        if (Files.isRegularFile(leftover)) {
          Files.deleteIfExists(leftover);
        }
      }
    }
    return new SpillArea(directory, threshold, budget);
  }

  /** Everything in memory, bounded only by the callers' own limits: for tests and the fuzzer. */
  public static SpillArea inMemory(InFlightBudget budget) {
    return new SpillArea(null, Integer.MAX_VALUE, budget);
  }

  public static SpillArea inMemory() {
    return inMemory(InFlightBudget.unlimited());
  }

  public SpillingBuffer newBuffer() {
    return new SpillingBuffer(this);
  }

  public InFlightBudget budget() {
    return budget;
  }

  int threshold() {
    return threshold;
  }

  /** A new empty file readable by this user alone; its name is random. */
  Path newFile() throws IOException {
    if (directory == null) {
      throw new IOException("no spill directory");
    }
    FileAttribute<?>[] owner =
        POSIX
            ? new FileAttribute<?>[] {
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
            }
            : new FileAttribute<?>[0];
    return Files.createTempFile(directory, "spill-", ".sealed", owner);
  }

  static FileChannel openChannel(Path file) throws IOException {
    return FileChannel.open(file, Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE));
  }
}
