package dev.mailvault.store.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.SystemFlag;
import dev.mailvault.store.export.EmlZipManifest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads an eml-zip (docs/adr/0138-eml-zip-layout.md): with Mailvault's {@code manifest.json}, each
 * listed entry with the folder, flags, keywords and internal date the manifest gives, and every
 * listed folder even if empty; without one (a zip of .eml files from elsewhere), every {@code .eml}
 * entry, its directory as the folder ({@code %XX} decoded) and its modification time as the date.
 */
public final class EmlZipReader implements MessageSource {

  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final ZipFile zip;
  private final String defaultFolder;
  private final Deque<EmlZipManifest.Entry> listed;
  private final Deque<ZipEntry> unlisted;
  private final List<String> folders;
  private final long size;

  private EmlZipReader(
      ZipFile zip,
      String defaultFolder,
      Deque<EmlZipManifest.Entry> listed,
      Deque<ZipEntry> unlisted,
      List<String> folders,
      long size) {
    this.zip = zip;
    this.defaultFolder = defaultFolder;
    this.listed = listed;
    this.unlisted = unlisted;
    this.folders = folders;
    this.size = size;
  }

  public static EmlZipReader open(Path file, String defaultFolder)
      throws IOException, ImportFormatException {
    ZipFile zip;
    try {
      zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8);
    } catch (ZipException e) {
      throw new ImportFormatException("not a zip file");
    }
    try {
      long size = java.nio.file.Files.size(file);
      ZipEntry manifestEntry = zip.getEntry(EmlZipManifest.FILE_NAME);
      if (manifestEntry != null) {
        EmlZipManifest manifest;
        try (InputStream in = zip.getInputStream(manifestEntry)) {
          manifest = JSON.readValue(in, EmlZipManifest.class);
        } catch (JsonProcessingException e) {
          throw new ImportFormatException("the zip's manifest.json is not valid JSON");
        }
        if (!EmlZipManifest.FORMAT.equals(manifest.format()) || manifest.messages() == null) {
          throw new ImportFormatException("the zip's manifest.json is not a Mailvault manifest");
        }
        List<String> folders = manifest.folders() == null ? List.of() : manifest.folders();
        return new EmlZipReader(
            zip,
            defaultFolder,
            new ArrayDeque<>(manifest.messages()),
            new ArrayDeque<>(),
            folders,
            size);
      }
      Deque<ZipEntry> emls = new ArrayDeque<>();
      TreeSet<String> folders = new TreeSet<>();
      for (ZipEntry e :
          zip.stream().sorted((a, b) -> a.getName().compareTo(b.getName())).toList()) {
        if (!e.isDirectory() && e.getName().toLowerCase(Locale.ROOT).endsWith(".eml")) {
          emls.add(e);
          folders.add(folderOf(e.getName(), defaultFolder));
        }
      }
      return new EmlZipReader(
          zip, defaultFolder, new ArrayDeque<>(), emls, List.copyOf(folders), size);
    } catch (IOException | ImportFormatException | RuntimeException e) {
      zip.close();
      throw e;
    }
  }

  @Override
  public List<String> folders() {
    return folders;
  }

  @Override
  public long totalBytes() {
    return size;
  }

  @Override
  public SourceMessage next() throws IOException, ImportFormatException {
    EmlZipManifest.Entry entry = listed.poll();
    if (entry != null) {
      ZipEntry file = entry.path() == null ? null : zip.getEntry(entry.path());
      if (file == null || entry.folder() == null) {
        throw new ImportFormatException("the manifest lists " + entry.path() + ", not in the zip");
      }
      return new SourceMessage(
          entry.folder(), read(file), flags(entry), date(entry.internalDate(), file));
    }
    ZipEntry file = unlisted.poll();
    if (file == null) {
      return null;
    }
    return new SourceMessage(
        folderOf(file.getName(), defaultFolder),
        read(file),
        Flags.NONE,
        file.getLastModifiedTime() == null
            ? Instant.now()
            : file.getLastModifiedTime().toInstant());
  }

  private byte[] read(ZipEntry file) throws IOException {
    try (InputStream in = zip.getInputStream(file)) {
      return in.readAllBytes();
    }
  }

  private static Flags flags(EmlZipManifest.Entry entry) {
    EnumSet<SystemFlag> system = EnumSet.noneOf(SystemFlag.class);
    if (entry.flags() != null) {
      for (SystemFlag flag : SystemFlag.values()) {
        if (entry.flags().stream().anyMatch(f -> f.equalsIgnoreCase(flag.imapName()))) {
          system.add(flag);
        }
      }
    }
    List<String> keywords = new ArrayList<>();
    if (entry.keywords() != null) {
      entry.keywords().stream()
          .filter(dev.mailvault.store.export.MboxHeaders::isKeyword)
          .forEach(keywords::add);
    }
    return new Flags(system, new TreeSet<>(keywords));
  }

  private static Instant date(String iso, ZipEntry file) throws ImportFormatException {
    if (iso == null) {
      return file.getLastModifiedTime().toInstant();
    }
    try {
      return Instant.parse(iso);
    } catch (DateTimeException e) {
      throw new ImportFormatException("the manifest has a date that is not ISO-8601: " + iso);
    }
  }

  /** The entry's directory as a folder name, {@code %XX} decoded (the exporter's escaping). */
  static String folderOf(String entryName, String defaultFolder) {
    int slash = entryName.lastIndexOf('/');
    if (slash <= 0) {
      return defaultFolder;
    }
    String dir = entryName.substring(0, slash);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] bytes = dir.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '%' && hex(bytes, i + 1)) {
        out.write(Integer.parseInt(new String(bytes, i + 1, 2, StandardCharsets.US_ASCII), 16));
        i += 2;
      } else {
        out.write(bytes[i]);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static boolean hex(byte[] b, int at) {
    return at + 2 <= b.length
        && Character.digit(b[at], 16) >= 0
        && Character.digit(b[at + 1], 16) >= 0;
  }

  @Override
  public void close() throws IOException {
    zip.close();
  }
}
