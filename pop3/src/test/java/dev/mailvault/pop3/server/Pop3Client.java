package dev.mailvault.pop3.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A bare-socket POP3 client for transcripts: it sends exactly what a test says and returns lines
 * exactly as the server wrote them (CRLF removed). It can turn to TLS after STLS.
 */
public final class Pop3Client implements AutoCloseable {

  private Socket socket;
  private InputStream in;
  private OutputStream out;

  public Pop3Client(Socket socket) throws IOException {
    use(socket);
  }

  /** Connects to 127.0.0.1 without reading the greeting. */
  public static Pop3Client connect(int port) throws IOException {
    return new Pop3Client(new Socket("127.0.0.1", port));
  }

  /** Connects over TLS from the first byte (the implicit-TLS port). */
  public static Pop3Client connectTls(int port) throws Exception {
    SSLSocket tls = (SSLSocket) trusting().getSocketFactory().createSocket("127.0.0.1", port);
    tls.startHandshake();
    return new Pop3Client(tls);
  }

  /** Connects, reads the greeting and logs in with USER/PASS. */
  public static Pop3Client login(int port, String user) throws IOException {
    Pop3Client client = connect(port);
    client.expectOk();
    client.send("USER " + user);
    client.expectOk();
    client.send("PASS " + LivePop3Server.PASSWORD);
    client.expectOk();
    return client;
  }

  private void use(Socket socket) throws IOException {
    this.socket = socket;
    socket.setSoTimeout(30_000);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  /** Sends one line with CRLF. */
  public void send(String line) throws IOException {
    raw((line + "\r\n").getBytes(StandardCharsets.UTF_8));
  }

  public void raw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** One line without its CRLF; null at the end of the stream. */
  public String line() throws IOException {
    byte[] bytes = lineBytes();
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  /** One line's bytes with its line end, or null at the end of the stream. */
  private byte[] lineBytes() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      line.write(b);
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int end = bytes.length >= 2 && bytes[bytes.length - 2] == '\r' ? 2 : 1;
        return java.util.Arrays.copyOf(bytes, bytes.length - end);
      }
    }
    return line.size() == 0 ? null : line.toByteArray();
  }

  /** Sends {@code command} and returns the status line. */
  public String command(String command) throws IOException {
    send(command);
    return line();
  }

  public String expectOk() throws IOException {
    String line = line();
    if (line == null || !line.startsWith("+OK")) {
      throw new AssertionError("expected +OK, got " + line);
    }
    return line;
  }

  /** The lines of a multi-line body up to its terminator, dot-unstuffed as RFC 1939 §3 says. */
  public List<String> body() throws IOException {
    List<String> lines = new ArrayList<>();
    String line;
    while (!(line = line()).equals(".")) {
      lines.add(line.startsWith(".") ? line.substring(1) : line);
    }
    return lines;
  }

  /** The raw octets of a multi-line body up to and including the terminator line. */
  public byte[] rawBody() throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      all.write(b);
      line.write(b);
      if (b == '\n') {
        if (new String(line.toByteArray(), StandardCharsets.ISO_8859_1).equals(".\r\n")) {
          return all.toByteArray();
        }
        line.reset();
      }
    }
    throw new IOException("stream ended inside a multi-line response");
  }

  /** After {@code +OK} to STLS: the TLS handshake on the same socket. */
  public void startTls() throws Exception {
    SSLSocket tls =
        (SSLSocket)
            trusting().getSocketFactory().createSocket(socket, "localhost", socket.getPort(), true);
    tls.startHandshake();
    use(tls);
  }

  /** True once the server has closed the connection (reads to the end of the stream). */
  public boolean closedByServer() throws IOException {
    return in.read() < 0;
  }

  private static SSLContext trusting() throws Exception {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    store.setCertificateEntry("server", LivePop3Server.certificate());
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
