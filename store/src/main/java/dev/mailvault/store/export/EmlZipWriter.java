package dev.mailvault.store.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mailvault.core.mail.SystemFlag;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a zip with one {@code <folder path>/<uid>.eml} per message, byte-exact, and {@code
 * manifest.json} last (docs/adr/0138-eml-zip-layout.md). Each entry's modification time is the
 * message's internal date, so unzipped files sort by arrival.
 */
final class EmlZipWriter implements MessageSink {

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final ZipOutputStream zip;
  private final List<String> folders;
  private final List<EmlZipManifest.Entry> entries = new ArrayList<>();

  EmlZipWriter(OutputStream out, List<String> folders) {
    this.zip = new ZipOutputStream(out);
    this.folders = List.copyOf(folders);
  }

  @Override
  public void write(ExportedMessage m) throws IOException {
    String path = entryDirectory(m.folder()) + "/" + m.uid() + ".eml";
    ZipEntry entry = new ZipEntry(path);
    entry.setLastModifiedTime(FileTime.from(m.internalDate()));
    zip.putNextEntry(entry);
    zip.write(m.raw());
    zip.closeEntry();
    List<String> flags = new ArrayList<>();
    for (SystemFlag flag : SystemFlag.values()) {
      if (m.flags().has(flag)) {
        flags.add(flag.imapName());
      }
    }
    entries.add(
        new EmlZipManifest.Entry(
            path,
            m.folder(),
            flags,
            List.copyOf(m.flags().keywords()),
            m.internalDate().toString()));
  }

  @Override
  public void finish() throws IOException {
    zip.putNextEntry(new ZipEntry(EmlZipManifest.FILE_NAME));
    zip.write(
        JSON.writeValueAsBytes(
            new EmlZipManifest(
                EmlZipManifest.FORMAT, EmlZipManifest.VERSION, folders, List.copyOf(entries))));
    zip.closeEntry();
    zip.finish();
    zip.flush();
  }

  /**
   * The folder as a safe relative path: levels {@code .} and {@code ..}, and characters Windows
   * cannot have in a file name, are written as {@code %XX} ({@code %} cannot occur in a folder
   * name), so extracting the zip never writes outside its directory. The manifest keeps the real
   * name.
   */
  static String entryDirectory(String folder) {
    StringBuilder sb = new StringBuilder();
    for (String level : folder.split("/", -1)) {
      if (sb.length() > 0) {
        sb.append('/');
      }
      if (level.equals(".") || level.equals("..")) {
        sb.append(level.replace(".", "%2E"));
        continue;
      }
      for (int i = 0; i < level.length(); i++) {
        char c = level.charAt(i);
        if ("\\:?\"<>|".indexOf(c) >= 0) {
          sb.append('%').append(String.format(Locale.ROOT, "%02X", (int) c));
        } else {
          sb.append(c);
        }
      }
    }
    return sb.toString();
  }
}
