package dev.mailvault.store.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A minimal {@link BackupTarget} on a folder for the store's own tests (the real local and S3
 * targets live beside it in production code and have their own tests).
 */
final class FolderTarget implements BackupTarget {

  private final Path root;

  FolderTarget(Path root) {
    this.root = root;
  }

  Path root() {
    return root;
  }

  @Override
  public void put(String key, Path file) throws IOException {
    Path to = root.resolve(key);
    Files.createDirectories(to.getParent());
    if (Files.exists(to)) {
      throw new FileAlreadyExistsException(key);
    }
    Files.copy(file, to);
  }

  @Override
  public void put(String key, byte[] bytes) throws IOException {
    Path to = root.resolve(key);
    Files.createDirectories(to.getParent());
    if (Files.exists(to)) {
      throw new FileAlreadyExistsException(key);
    }
    Files.write(to, bytes);
  }

  @Override
  public InputStream get(String key) throws IOException {
    return Files.newInputStream(root.resolve(key));
  }

  @Override
  public List<String> list(String prefix) throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .filter(k -> k.startsWith(prefix))
          .sorted()
          .toList();
    }
  }

  @Override
  public void delete(String key) throws IOException {
    Files.deleteIfExists(root.resolve(key));
  }

  @Override
  public String describe() {
    return root.toString();
  }

  @Override
  public void close() {}
}
