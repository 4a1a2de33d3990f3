package dev.mailvault.store.importer;

import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.SystemFlag;
import dev.mailvault.store.export.MboxHeaders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Reads a Maildir (docs/adr/0139-import-sources.md): the root's {@code cur} and {@code new} go to
 * the default folder, Maildir++ subfolders {@code .A.B} become {@code A/B} (names in modified UTF-7
 * as Dovecot writes them). Flags come from the {@code :2,} info of the file name: {@code D} draft,
 * {@code F} flagged, {@code R} replied, {@code S} seen, {@code T} trashed (deleted), {@code P}
 * passed (keyword {@code $Forwarded}); the letters {@code a}-{@code z} are Dovecot's keywords,
 * named in the folder's {@code dovecot-keywords} file. Mail in {@code new} has no flags. The
 * internal date is the file's modification time, which Dovecot and other Maildir software set to
 * the received date.
 */
public final class MaildirReader implements MessageSource {

  private final Deque<Path> files = new ArrayDeque<>();
  private final Map<Path, String> folderOf = new HashMap<>();
  private final Map<Path, Map<Character, String>> keywordsOf = new HashMap<>();
  private final List<String> folders = new ArrayList<>();

  private MaildirReader() {}

  /**
   * @throws ImportFormatException when {@code root} has no {@code cur} or {@code new} directory
   */
  public static MaildirReader open(Path root, String defaultFolder)
      throws IOException, ImportFormatException {
    if (!Files.isDirectory(root.resolve("cur")) && !Files.isDirectory(root.resolve("new"))) {
      throw new ImportFormatException("not a Maildir: no cur or new directory in it");
    }
    MaildirReader reader = new MaildirReader();
    reader.add(root, defaultFolder);
    List<Path> subfolders;
    try (Stream<Path> children = Files.list(root)) {
      subfolders =
          children
              .filter(Files::isDirectory)
              .filter(p -> p.getFileName().toString().startsWith("."))
              .filter(p -> p.getFileName().toString().length() > 1)
              .sorted()
              .toList();
    }
    for (Path sub : subfolders) {
      String name = sub.getFileName().toString().substring(1);
      if (name.equals(".")) {
        continue;
      }
      reader.add(sub, ModifiedUtf7.decode(name.replace('.', '/')));
    }
    return reader;
  }

  private void add(Path dir, String folder) throws IOException {
    folders.add(folder);
    keywordsOf.put(dir, dovecotKeywords(dir.resolve("dovecot-keywords")));
    for (String part : List.of("cur", "new")) {
      Path sub = dir.resolve(part);
      if (!Files.isDirectory(sub)) {
        continue;
      }
      try (Stream<Path> entries = Files.list(sub)) {
        for (Path file : entries.filter(Files::isRegularFile).sorted().toList()) {
          files.add(file);
          folderOf.put(file, folder);
        }
      }
    }
  }

  /** Dovecot's {@code dovecot-keywords}: lines "0 keyword", the number an index into a..z. */
  private static Map<Character, String> dovecotKeywords(Path file) throws IOException {
    Map<Character, String> map = new HashMap<>();
    if (!Files.isRegularFile(file)) {
      return map;
    }
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String[] parts = line.trim().split("\\s+", 2);
      if (parts.length == 2 && parts[0].matches("\\d{1,2}")) {
        int index = Integer.parseInt(parts[0]);
        if (index < 26 && MboxHeaders.isKeyword(parts[1])) {
          map.put((char) ('a' + index), parts[1]);
        }
      }
    }
    return map;
  }

  @Override
  public List<String> folders() {
    return List.copyOf(folders);
  }

  @Override
  public SourceMessage next() throws IOException {
    Path file = files.poll();
    if (file == null) {
      return null;
    }
    Path folderDir = file.getParent().getParent();
    boolean isNew = file.getParent().getFileName().toString().equals("new");
    Flags flags =
        isNew ? Flags.NONE : flags(file.getFileName().toString(), keywordsOf.get(folderDir));
    Instant date = Files.getLastModifiedTime(file).toInstant();
    return new SourceMessage(folderOf.get(file), Files.readAllBytes(file), flags, date);
  }

  /** The flags of {@code name}'s {@code :2,} info (Maildir spec; Dovecot's keyword letters). */
  static Flags flags(String name, Map<Character, String> keywordLetters) {
    int info = name.lastIndexOf(":2,");
    if (info < 0) {
      info = name.lastIndexOf("!2,"); // the separator some Windows-friendly tools use
    }
    EnumSet<SystemFlag> system = EnumSet.noneOf(SystemFlag.class);
    TreeSet<String> keywords = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    if (info < 0) {
      return Flags.NONE;
    }
    for (char c : name.substring(info + 3).toCharArray()) {
      switch (c) {
        case 'D' -> system.add(SystemFlag.DRAFT);
        case 'F' -> system.add(SystemFlag.FLAGGED);
        case 'R' -> system.add(SystemFlag.ANSWERED);
        case 'S' -> system.add(SystemFlag.SEEN);
        case 'T' -> system.add(SystemFlag.DELETED);
        case 'P' -> keywords.add("$Forwarded");
        default -> {
          String keyword = keywordLetters.get(c);
          if (keyword != null) {
            keywords.add(keyword);
          }
        }
      }
    }
    return new Flags(system, keywords);
  }

  @Override
  public void close() {
    files.clear();
  }
}
