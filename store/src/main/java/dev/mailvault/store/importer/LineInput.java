package dev.mailvault.store.importer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads lines as bytes, each with its line end (LF or CRLF) if it has one; one line of lookahead.
 */
final class LineInput {

  private final InputStream in;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
  private byte[] peeked;
  private long bytesRead;

  LineInput(InputStream in) {
    this.in = in;
  }

  /** The next line without consuming it, or null at the end. */
  byte[] peek() throws IOException {
    if (peeked == null) {
      peeked = read();
    }
    return peeked;
  }

  /** The next line, or null at the end. */
  byte[] next() throws IOException {
    byte[] result = peek();
    peeked = null;
    return result;
  }

  long bytesRead() {
    return bytesRead;
  }

  private byte[] read() throws IOException {
    line.reset();
    int b;
    while ((b = in.read()) >= 0) {
      line.write(b);
      if (b == '\n') {
        break;
      }
    }
    if (line.size() == 0) {
      return null;
    }
    bytesRead += line.size();
    return line.toByteArray();
  }
}
