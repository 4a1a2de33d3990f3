package dev.mailvault.store.export;

import java.io.IOException;

/** Where an export writes messages, one at a time, in folder then UID order. */
interface MessageSink {

  void write(ExportedMessage message) throws IOException;

  /** Writes what comes after the last message (a manifest) and flushes; the file is complete. */
  void finish() throws IOException;
}
