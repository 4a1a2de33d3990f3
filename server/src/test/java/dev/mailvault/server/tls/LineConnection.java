package dev.mailvault.server.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** CRLF lines over a socket, plain or TLS: what a line-based protocol's client needs. */
final class LineConnection {

  private final InputStream in;
  private final OutputStream out;

  LineConnection(Socket socket) throws IOException {
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  void send(String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** One line without its CRLF. */
  String line() throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    int previous = -1;
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed after '" + buffer + "'");
      }
      if (previous == '\r' && b == '\n') {
        byte[] bytes = buffer.toByteArray();
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.US_ASCII);
      }
      buffer.write(b);
      previous = b;
    }
  }

  /** Reads lines until one starts with {@code prefix}; returns that line. */
  String lineStarting(String prefix) throws IOException {
    for (String line = line(); ; line = line()) {
      if (line.startsWith(prefix)) {
        return line;
      }
    }
  }

  /** Sends {@code command} and checks the first answer line starts with {@code expected}. */
  void expect(String command, String expected) throws IOException {
    send(command);
    assertThat(line()).startsWith(expected);
  }
}
