package dev.mailvault.store.export;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * {@code manifest.json} of an eml-zip export: what a .eml file cannot say about its message
 * (folder, flags, keywords, internal date), and every folder so that empty ones come back too.
 *
 * @param format always {@link #FORMAT}
 * @param version the layout version, {@link #VERSION}
 * @param folders every folder name, in order
 * @param messages one entry per .eml file
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EmlZipManifest(
    String format, int version, List<String> folders, List<Entry> messages) {

  public static final String FORMAT = "mailvault-eml-zip";
  public static final int VERSION = 1;
  public static final String FILE_NAME = "manifest.json";

  /**
   * @param path the zip entry of the message
   * @param folder its folder's full name
   * @param flags its system flags as IMAP writes them ({@code \Seen})
   * @param keywords its keywords
   * @param internalDate its INTERNALDATE, ISO-8601 UTC
   */
  public record Entry(
      String path, String folder, List<String> flags, List<String> keywords, String internalDate) {}
}
