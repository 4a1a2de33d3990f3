package dev.mailvault.store;

import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.mime.ByteSource;
import dev.mailvault.core.mime.MessageParser;
import dev.mailvault.core.mime.MessageSummary;
import dev.mailvault.core.mime.MimePartCodec;
import dev.mailvault.core.mime.ParsedMessage;
import dev.mailvault.store.content.ContentPreparer;
import dev.mailvault.store.content.PreparedContent;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A message parsed, cut into encoded segments and its searchable text derived before the writer
 * lock is taken, so that the lock is held only for the SQL.
 */
record PreparedMessage(
    NewMessage message,
    ParsedMessage parsed,
    PreparedContent content,
    byte[] mimeTree,
    MessageText text) {

  static PreparedMessage of(NewMessage message) {
    ParsedMessage parsed = MessageParser.parse(message.raw());
    MessageSummary s = parsed.summary();
    MessageText text;
    try {
      text =
          MessageText.of(
              s.subject(), s.from(), s.to(), s.cc(), parsed.root(), ByteSource.of(message.raw()));
    } catch (IOException e) {
      throw new UncheckedIOException("bytes in memory cannot fail to read", e);
    }
    return new PreparedMessage(
        message,
        parsed,
        ContentPreparer.prepare(message.raw(), parsed.root()),
        MimePartCodec.encode(parsed.root()),
        text);
  }

  long size() {
    return message.raw().length;
  }
}
