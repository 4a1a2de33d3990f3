package dev.mailvault.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocket;

/**
 * A raw SMTP client for transcript tests: sends exactly the bytes given and reads replies line by
 * line, so tests read like the protocol ({@code send("RCPT TO:<x@y>")}, {@code expect("550 5.1.1
 * ...")}).
 */
public final class SmtpClient implements AutoCloseable {

  private Socket socket;
  private InputStream in;
  private OutputStream out;

  SmtpClient(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(30_000);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  /** A client under TLS from the first byte (RFC 8314 §3.3), trusting the test certificate. */
  static SmtpClient implicitTls(int port) throws Exception {
    SmtpClient client = new SmtpClient(port);
    client.startTls();
    return client;
  }

  /** Sends {@code line} (UTF-8) and CRLF. */
  public SmtpClient send(String line) throws IOException {
    return sendBytes((line + "\r\n").getBytes(StandardCharsets.UTF_8));
  }

  /** Sends the text as it is (ISO-8859-1 octets, so bare CR and LF stay bare). */
  public SmtpClient sendRaw(String text) throws IOException {
    return sendBytes(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  public SmtpClient sendBytes(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    return this;
  }

  /** Reads one whole reply (every line of a multi-line one), lines joined by "\n". */
  public String reply() throws IOException {
    List<String> lines = new ArrayList<>();
    while (true) {
      String line = readLine();
      if (line == null) {
        throw new IOException("connection closed; reply so far: " + lines);
      }
      lines.add(line);
      if (line.length() < 4 || line.charAt(3) != '-') {
        return String.join("\n", lines);
      }
    }
  }

  /** Reads one reply and checks it is exactly {@code expected} (lines joined by "\n"). */
  public SmtpClient expect(String expected) throws IOException {
    assertThat(reply()).isEqualTo(expected);
    return this;
  }

  /** Reads one reply and checks it starts with {@code prefix}. */
  public String expectStart(String prefix) throws IOException {
    String reply = reply();
    assertThat(reply).startsWith(prefix);
    return reply;
  }

  /** Sends a command and checks the reply. */
  public SmtpClient command(String line, String expected) throws IOException {
    return send(line).expect(expected);
  }

  /** True when the server closed the connection (end of stream before any further octet). */
  public boolean closedByServer() throws IOException {
    try {
      return in.read() == -1;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }

  /** Wraps the connection in TLS (after a 220 to STARTTLS) trusting the test certificate. */
  public SSLSocket startTls() throws Exception {
    SSLSocket tls =
        (SSLSocket)
            LiveSmtpServer.trustingSocketFactory()
                .createSocket(socket, "localhost", socket.getPort(), true);
    tls.setUseClientMode(true);
    tls.startHandshake();
    socket = tls;
    in = tls.getInputStream();
    out = tls.getOutputStream();
    return tls;
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int end =
            bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
      }
      line.write(b);
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
