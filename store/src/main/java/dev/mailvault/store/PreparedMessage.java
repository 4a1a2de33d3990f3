package dev.mailvault.store;

import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.mime.MessageParser;
import dev.mailvault.core.mime.MimePartCodec;
import dev.mailvault.core.mime.ParsedMessage;
import dev.mailvault.store.content.ContentPreparer;
import dev.mailvault.store.content.PreparedContent;

/**
 * A message parsed and cut into encoded segments before the writer lock is taken, so that the lock
 * is held only for the SQL.
 */
record PreparedMessage(
    NewMessage message, ParsedMessage parsed, PreparedContent content, byte[] mimeTree) {

  static PreparedMessage of(NewMessage message) {
    ParsedMessage parsed = MessageParser.parse(message.raw());
    return new PreparedMessage(
        message,
        parsed,
        ContentPreparer.prepare(message.raw(), parsed.root()),
        MimePartCodec.encode(parsed.root()));
  }

  long size() {
    return message.raw().length;
  }
}
