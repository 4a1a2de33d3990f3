package dev.mailvault.sieve.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A bare-socket ManageSieve client that runs transcripts, as James's protocol tests do: {@code C:}
 * lines are sent as written with CRLF (a bare {@code C:} sends only CRLF, to end a request after a
 * literal), {@code S:} lines are regular expressions the next server line must match in full, and
 * {@code CLOSED} expects the server to have ended the connection. {@code {PLAIN alias}} stands for
 * the base64 PLAIN response of that alias with the test password.
 */
final class SieveClient implements AutoCloseable {

  private Socket socket;
  private InputStream in;
  private OutputStream out;

  private SieveClient(Socket socket) throws IOException {
    use(socket);
  }

  private void use(Socket socket) throws IOException {
    this.socket = socket;
    socket.setSoTimeout(30_000);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  /** After the server's OK to STARTTLS: TLS over the same socket, trusting the test certificate. */
  void startTls() throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {new TrustingTestCertificate()}, null);
    SSLSocket tls =
        (SSLSocket)
            context.getSocketFactory().createSocket(socket, "localhost", socket.getPort(), true);
    tls.startHandshake();
    use(tls);
  }

  /** Trusts exactly the live server's self-signed certificate. */
  private static final class TrustingTestCertificate implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      if (!chain[0].equals(LiveSieveServer.certificate())) {
        throw new CertificateException("not the test server's certificate");
      }
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  static SieveClient connect(int port) throws IOException {
    return new SieveClient(new Socket("127.0.0.1", port));
  }

  static String plain(String alias, String password) {
    return Base64.getEncoder()
        .encodeToString(("\0" + alias + "\0" + password).getBytes(StandardCharsets.UTF_8));
  }

  void run(String script) throws IOException {
    int number = 0;
    for (String raw : script.strip().split("\n")) {
      number++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("C:")) {
        String text = line.length() > 3 ? line.substring(3) : "";
        text =
            Pattern.compile("\\{PLAIN ([^}]+)}")
                .matcher(text)
                .replaceAll(m -> plain(m.group(1), LiveSieveServer.PASSWORD));
        send(text);
      } else if (line.startsWith("S:")) {
        String expected = line.length() > 3 ? line.substring(3) : "";
        assertThat(line())
            .as("transcript line %d: %s", number, line)
            .isNotNull()
            .matches(Pattern.compile(expected, Pattern.DOTALL));
      } else if (line.equals("CLOSED")) {
        assertThat(closedByServer()).as("transcript line %d: closed", number).isTrue();
      } else {
        throw new IllegalArgumentException("transcript line " + number + ": " + line);
      }
    }
  }

  /** Skips the greeting's capability lines up to its OK. */
  void greeting() throws IOException {
    String line;
    do {
      line = line();
    } while (line != null && !line.startsWith("OK"));
  }

  void send(String text) throws IOException {
    sendRaw((text + "\r\n").getBytes(StandardCharsets.UTF_8));
  }

  void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** One line without CRLF, or null at the end of the stream. */
  String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int end =
            bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
  }

  boolean closedByServer() throws IOException {
    try {
      return in.read() < 0;
    } catch (SocketException e) {
      return true;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
