package dev.mailvault.store.importer;

import dev.mailvault.core.mail.Flags;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Reads a directory tree of {@code .eml} files (docs/adr/0139-import-sources.md): files directly in
 * it go to the default folder, files in {@code A/B/} to the folder {@code A/B}. An .eml file
 * carries no flags; the internal date is the file's modification time.
 */
public final class EmlDirReader implements MessageSource {

  private final Path root;
  private final String defaultFolder;
  private final Deque<Path> files;
  private final List<String> folders;

  private EmlDirReader(Path root, String defaultFolder, List<Path> files, List<String> folders) {
    this.root = root;
    this.defaultFolder = defaultFolder;
    this.files = new ArrayDeque<>(files);
    this.folders = folders;
  }

  public static EmlDirReader open(Path root, String defaultFolder)
      throws IOException, ImportFormatException {
    if (!Files.isDirectory(root)) {
      throw new ImportFormatException("not a directory");
    }
    List<Path> emls;
    TreeSet<String> dirs = new TreeSet<>();
    try (Stream<Path> walk = Files.walk(root)) {
      emls =
          walk.filter(Files::isRegularFile)
              .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".eml"))
              .sorted()
              .toList();
    }
    for (Path p : emls) {
      dirs.add(folderOf(root, p, defaultFolder));
    }
    return new EmlDirReader(root, defaultFolder, emls, List.copyOf(dirs));
  }

  static String folderOf(Path root, Path file, String defaultFolder) {
    Path dir = root.relativize(file.getParent());
    if (dir.toString().isEmpty()) {
      return defaultFolder;
    }
    StringBuilder sb = new StringBuilder();
    for (Path level : dir) {
      if (sb.length() > 0) {
        sb.append('/');
      }
      sb.append(level);
    }
    return sb.toString();
  }

  @Override
  public List<String> folders() {
    return folders;
  }

  @Override
  public SourceMessage next() throws IOException {
    Path file = files.poll();
    if (file == null) {
      return null;
    }
    return new SourceMessage(
        folderOf(root, file, defaultFolder),
        Files.readAllBytes(file),
        Flags.NONE,
        Files.getLastModifiedTime(file).toInstant());
  }

  @Override
  public void close() {
    files.clear();
  }
}
