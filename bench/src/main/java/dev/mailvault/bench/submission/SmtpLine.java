package dev.mailvault.bench.submission;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** One SMTP client connection for the load driver: a command, its (multi-line) reply checked. */
final class SmtpLine implements AutoCloseable {

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private SmtpLine(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream());
    this.out = new BufferedOutputStream(socket.getOutputStream());
  }

  static SmtpLine connect(InetSocketAddress server) throws IOException {
    Socket socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(server, 10_000);
    socket.setSoTimeout(120_000);
    return new SmtpLine(socket);
  }

  static String plain(String user, String password) {
    return Base64.getEncoder()
        .encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** Sends {@code command} (unless null) and requires a final reply with {@code code}. */
  void expect(int code, String command) throws IOException {
    if (command != null) {
      out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }
    String line;
    do {
      line = readLine();
    } while (line.length() > 3 && line.charAt(3) == '-');
    if (!line.startsWith(Integer.toString(code))) {
      throw new IOException(
          (command == null ? "reply" : command.split(" ")[0]) + " got '" + line + "'");
    }
  }

  /** The message (already dot-stuffed, CRLF line ends) and the terminating dot. */
  void sendData(byte[] message) throws IOException {
    out.write(message);
    out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private String readLine() throws IOException {
    StringBuilder line = new StringBuilder();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
          line.setLength(end - 1);
        }
        return line.toString();
      }
      line.append((char) b);
    }
    throw new IOException("connection closed");
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
