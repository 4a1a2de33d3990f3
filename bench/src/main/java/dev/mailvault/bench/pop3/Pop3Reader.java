package dev.mailvault.bench.pop3;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a POP3 server's answers from a socket's input: status lines, and the body of a multi-line
 * answer with the byte-stuffing undone (RFC 1939 §3). Scans its own buffer for line ends instead of
 * reading byte by byte, because the load tool shares the machine's cores with the server it
 * measures and reads megabytes per session.
 */
final class Pop3Reader {

  /** RFC 2449 §4 allows 512 octets per response line; more than this is no POP3 server. */
  private static final int MAX_STATUS_LINE = 8 * 1024;

  private final InputStream in;
  private final byte[] buffer;
  private int position;
  private int limit;

  Pop3Reader(InputStream in, int bufferSize) {
    this.in = in;
    this.buffer = new byte[bufferSize];
  }

  /** One response line without its CRLF (a bare LF is accepted too). */
  String statusLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(64);
    while (true) {
      if (position == limit) {
        fill();
      }
      int lf = indexOfLineFeed();
      int end = lf < 0 ? limit : lf + 1;
      line.write(buffer, position, end - position);
      position = end;
      if (line.size() > MAX_STATUS_LINE) {
        throw new IOException("a status line longer than " + MAX_STATUS_LINE + " octets");
      }
      if (lf >= 0) {
        byte[] bytes = line.toByteArray();
        int length = bytes.length - 1;
        if (length > 0 && bytes[length - 1] == '\r') {
          length--;
        }
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
      }
    }
  }

  /**
   * The rest of a multi-line answer after its status line, up to the line holding only "." (not
   * included), with the leading dot of each stuffed line removed; the message's own CRLFs are kept,
   * so {@code out} holds the message as stored. Returns its size in octets.
   */
  int body(Received out) throws IOException {
    out.reset();
    boolean lineStart = true;
    while (true) {
      if (lineStart) {
        // any line that starts with a dot has at least three octets: the dot and CRLF
        need(3);
        if (buffer[position] == '.') {
          if (buffer[position + 1] == '\r' && buffer[position + 2] == '\n') {
            position += 3;
            return out.size();
          }
          position++;
        }
        lineStart = false;
      }
      if (position == limit) {
        fill();
      }
      int lf = indexOfLineFeed();
      int end = lf < 0 ? limit : lf + 1;
      out.write(buffer, position, end - position);
      position = end;
      lineStart = lf >= 0;
    }
  }

  /** Reads to the end of the stream: after QUIT's +OK the server closes (RFC 1939 §6). */
  void awaitClose() throws IOException {
    while (in.read(buffer) >= 0) {
      // anything after +OK to QUIT is ignored; only the close matters
    }
  }

  private int indexOfLineFeed() {
    for (int i = position; i < limit; i++) {
      if (buffer[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** Makes at least {@code n} unread octets available, moving the unread part to the front. */
  private void need(int n) throws IOException {
    if (limit - position >= n) {
      return;
    }
    System.arraycopy(buffer, position, buffer, 0, limit - position);
    limit -= position;
    position = 0;
    while (limit < n) {
      int read = in.read(buffer, limit, buffer.length - limit);
      if (read < 0) {
        throw new EOFException("the server closed the connection inside an answer");
      }
      limit += read;
    }
  }

  private void fill() throws IOException {
    int read = in.read(buffer, 0, buffer.length);
    if (read < 0) {
      throw new EOFException("the server closed the connection");
    }
    position = 0;
    limit = read;
  }

  /** A message as received, reused from one RETR to the next. */
  static final class Received extends ByteArrayOutputStream {

    Received() {
      super(256 * 1024);
    }

    boolean sameAs(byte[] expected) {
      return Arrays.equals(buf, 0, count, expected, 0, expected.length);
    }

    byte[] bytes() {
      return toByteArray();
    }
  }
}
