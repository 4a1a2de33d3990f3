package dev.mailvault.store.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/** The file formats an import reads, by the name the CLI takes. */
public enum ImportSource {
  MBOX("mbox"),
  MAILDIR("maildir"),
  EML_DIR("eml-dir"),
  EML_ZIP("eml-zip");

  private final String cliName;

  ImportSource(String cliName) {
    this.cliName = cliName;
  }

  public String cliName() {
    return cliName;
  }

  public static Optional<ImportSource> byName(String name) {
    return Arrays.stream(values()).filter(s -> s.cliName.equals(name)).findFirst();
  }

  /**
   * Opens {@code path} as this kind of source.
   *
   * @param defaultFolder where messages go that carry no folder of their own
   * @throws ImportFormatException when {@code path} is missing or not of this kind
   */
  public MessageSource open(Path path, String defaultFolder)
      throws IOException, ImportFormatException {
    boolean wantsDirectory = this == MAILDIR || this == EML_DIR;
    if (!Files.exists(path)) {
      throw new ImportFormatException(
          "no such " + (wantsDirectory ? "directory" : "file") + ": " + path);
    }
    if (wantsDirectory != Files.isDirectory(path)) {
      throw new ImportFormatException(
          path + " is " + (wantsDirectory ? "not a directory" : "a directory, not a file"));
    }
    return switch (this) {
      case MBOX -> MboxReader.open(path, defaultFolder);
      case MAILDIR -> MaildirReader.open(path, defaultFolder);
      case EML_DIR -> EmlDirReader.open(path, defaultFolder);
      case EML_ZIP -> EmlZipReader.open(path, defaultFolder);
    };
  }
}
