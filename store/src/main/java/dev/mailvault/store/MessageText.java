package dev.mailvault.store;

import dev.mailvault.core.mime.ByteSource;
import dev.mailvault.core.mime.MimePart;
import dev.mailvault.core.mime.SearchText;
import java.io.IOException;

/**
 * The searchable text of one stored content as the full-text index keeps it, each column in {@link
 * SearchText#searchForm} (docs/adr/0219-full-text-index.md).
 *
 * @param meta the stored decoded subject and addresses, separated by {@link SearchText#SEPARATOR}
 * @param header the decoded header section ({@link SearchText#headerText})
 * @param body the decoded text parts ({@link SearchText#bodyText})
 * @param names the attachments' file names
 */
record MessageText(String meta, String header, String body, String names) {

  /** Derives the text from the message's part tree and bytes, and its stored summary columns. */
  static MessageText of(
      String subject, String from, String to, String cc, MimePart root, ByteSource source)
      throws IOException {
    String meta =
        String.join(
            String.valueOf(SearchText.SEPARATOR),
            nonNull(subject),
            nonNull(from),
            nonNull(to),
            nonNull(cc));
    return new MessageText(
        SearchText.searchForm(meta),
        SearchText.searchForm(SearchText.headerText(SearchText.header(root, source))),
        SearchText.searchForm(SearchText.bodyText(root, source)),
        SearchText.searchForm(SearchText.attachmentNames(root, source)));
  }

  private static String nonNull(String value) {
    return value == null ? "" : value;
  }
}
