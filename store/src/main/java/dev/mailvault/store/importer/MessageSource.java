package dev.mailvault.store.importer;

import java.io.Closeable;
import java.io.IOException;

/** Messages read one at a time from files: an mbox, a Maildir, .eml files, an eml-zip. */
public interface MessageSource extends Closeable {

  /**
   * The next message, or null after the last.
   *
   * @throws ImportFormatException when the input is not what the source reads
   */
  SourceMessage next() throws IOException, ImportFormatException;

  /** Folders to create even if no message is read for them (empty folders of the source). */
  default java.util.List<String> folders() {
    return java.util.List.of();
  }

  /** The bytes to read in total when known in advance (for progress), else -1. */
  default long totalBytes() {
    return -1;
  }
}
