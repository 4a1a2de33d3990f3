package dev.mailvault.store.importer;

import dev.mailvault.core.access.NewMessage;
import java.util.Objects;

/**
 * One message an import wants stored.
 *
 * @param folder the full '/'-delimited folder name; created with its superiors if missing
 * @param key the source's digest of the message (e.g. a SHA-256 of its folder, date and bytes): the
 *     same message read again gives the same key, and a key stored once is never stored again
 * @param message the bytes, flags, keywords and internal date
 */
public record ImportItem(String folder, byte[] key, NewMessage message) {

  /** Longer keys are refused: a digest is 32 bytes, and the key is the table's primary key. */
  public static final int MAX_KEY_BYTES = 64;

  public ImportItem {
    Objects.requireNonNull(folder, "folder");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(message, "message");
    if (key.length == 0 || key.length > MAX_KEY_BYTES) {
      throw new IllegalArgumentException("an import key has 1 to " + MAX_KEY_BYTES + " bytes");
    }
  }
}
