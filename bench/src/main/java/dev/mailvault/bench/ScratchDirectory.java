package dev.mailvault.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A directory for one benchmark's vaults, removed with everything in it on close. It is created
 * under {@code $MAILVAULT_BENCH_DIR} when set (an environment variable, so that JMH's forked JVMs
 * see it too), else under the system temporary directory; either way on a real disk, since a tmpfs
 * would flatter every number.
 */
public final class ScratchDirectory implements AutoCloseable {

  /** The environment variable naming the parent directory. */
  public static final String ENV = "MAILVAULT_BENCH_DIR";

  private final Path path;

  private ScratchDirectory(Path path) {
    this.path = path;
  }

  public static ScratchDirectory create(String prefix) {
    try {
      String configured = System.getenv(ENV);
      Path parent =
          configured == null || configured.isBlank()
              ? Paths.get(System.getProperty("java.io.tmpdir"))
              : Paths.get(configured);
      Files.createDirectories(parent);
      return new ScratchDirectory(Files.createTempDirectory(parent, prefix));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a scratch directory", e);
    }
  }

  public Path path() {
    return path;
  }

  /** Total size of the regular files whose names start with {@code prefix} in {@code dir}. */
  public static long sizeOf(Path dir, String prefix) {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.getFileName().toString().startsWith(prefix) && Files.isRegularFile(f))
          .mapToLong(ScratchDirectory::size)
          .sum();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  @Override
  public void close() {
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + path, e);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the size of " + file, e);
    }
  }
}
