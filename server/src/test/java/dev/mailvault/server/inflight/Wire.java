package dev.mailvault.server.inflight;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** One client connection speaking lines, as the tests of this package need. */
final class Wire implements AutoCloseable {

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  Wire(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(30_000);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  void send(String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** The next line without its CRLF, or null at the end of the stream. */
  String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        String text = line.toString(StandardCharsets.US_ASCII);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
  }

  /** Reads lines until one starts with {@code prefix}, and returns it. */
  String lineStartingWith(String prefix) throws IOException {
    String line;
    do {
      line = line();
    } while (line != null && !line.startsWith(prefix));
    return line;
  }

  /** The last line of a (possibly multi-line) SMTP reply. */
  String smtpReply() throws IOException {
    String line;
    do {
      line = line();
    } while (line != null && line.length() > 3 && line.charAt(3) == '-');
    return line;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
