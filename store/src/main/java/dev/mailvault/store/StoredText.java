package dev.mailvault.store;

import java.nio.charset.StandardCharsets;

/**
 * The text the full-text index keeps of one content (docs/adr/0219-full-text-index.md): the four
 * {@link MessageText} columns as UTF-8, NUL-separated, searched as bytes. UTF-8 is
 * self-synchronizing, so a needle's bytes occur in a column's bytes exactly where the needle occurs
 * in its text, and confirming a candidate needs no decoding into a {@code String}.
 */
final class StoredText {

  static final int META = 0;
  static final int HEADER = 1;
  static final int BODY = 2;
  static final int NAMES = 3;

  private final byte[] bytes;
  private final int[] starts = new int[5];

  private StoredText(byte[] bytes) {
    this.bytes = bytes;
    int column = 1;
    for (int i = 0; i < bytes.length && column < 4; i++) {
      if (bytes[i] == 0) {
        starts[column++] = i + 1;
      }
    }
    if (column != 4) {
      throw new IllegalStateException("the stored text of a content is damaged");
    }
    starts[4] = bytes.length + 1;
  }

  /** The stored form of {@code text}: searchForm text holds no NUL, so NUL separates columns. */
  static byte[] serialize(MessageText text) {
    return String.join("\0", text.meta(), text.header(), text.body(), text.names())
        .getBytes(StandardCharsets.UTF_8);
  }

  static StoredText of(byte[] serialized) {
    return new StoredText(serialized);
  }

  /** Whether {@code column} holds {@code needle}'s UTF-8 bytes. */
  boolean contains(int column, byte[] needle) {
    int from = starts[column];
    int last = starts[column + 1] - 1 - needle.length;
    if (needle.length == 0) {
      return true;
    }
    byte first = needle[0];
    for (int i = from; i <= last; i++) {
      if (bytes[i] != first) {
        continue;
      }
      int k = 1;
      while (k < needle.length && bytes[i + k] == needle[k]) {
        k++;
      }
      if (k == needle.length) {
        return true;
      }
    }
    return false;
  }

  /** One column as text. */
  String column(int column) {
    int from = starts[column];
    return new String(bytes, from, starts[column + 1] - 1 - from, StandardCharsets.UTF_8);
  }

  MessageText text() {
    return new MessageText(column(META), column(HEADER), column(BODY), column(NAMES));
  }
}
