package dev.mailvault.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.smtp.session.SmtpLimits;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PROXY protocol (ADR 0173): behind a trusted proxy, limits and trace fields see the client.
 */
class ProxyProtocolTest {

  private static final SmtpLimits ONE_PER_NETWORK =
      SmtpLimits.DEFAULTS
          .withErrorBudget(1_000_000, Duration.ofMinutes(1))
          .withRecipientsAndConnections(100, 1);

  @TempDir Path data;

  @Test
  void theClientNamedByATrustedProxyIsCountedAndTraced() throws Exception {
    try (LiveSmtpServer server =
        LiveSmtpServer.behindProxies(
            data, ONE_PER_NETWORK, Set.of(InetAddress.getByName("127.0.0.1")))) {
      server.addAlias("hello@example.com");
      // Three connections from the one proxy: two clients get their slot, a second connection
      // of the first client is over its limit of one.
      try (Client first = new Client("127.0.0.1", server.port());
          Client second = new Client("127.0.0.1", server.port());
          Client again = new Client("127.0.0.1", server.port())) {
        first.send("PROXY TCP4 203.0.113.9 127.0.0.1 40000 25");
        assertThat(first.line()).startsWith("220 ");
        second.send("PROXY TCP6 2001:db8::1 ::1 40001 25");
        assertThat(second.line()).startsWith("220 ");
        again.send("PROXY TCP4 203.0.113.9 127.0.0.1 40002 25");
        assertThat(again.line()).isEqualTo("421 4.7.0 Too many connections from your address");

        first.send("EHLO client.example");
        while (first.line().startsWith("250-")) {}
        first.send("MAIL FROM:<someone@example.net>");
        assertThat(first.line()).startsWith("250 ");
        first.send("RCPT TO:<hello@example.com>");
        assertThat(first.line()).startsWith("250 ");
        first.send("DATA");
        assertThat(first.line()).startsWith("354 ");
        first.send("Subject: hi\r\n\r\nhello\r\n.");
        assertThat(first.line()).startsWith("250 ");
      }
      String received =
          new String(server.delivery().last().message().raw(), StandardCharsets.UTF_8);
      assertThat(received).contains("Received: from client.example ([203.0.113.9])");
    }
  }

  @Test
  void aPeerThatIsNotTrustedCannotNameAClient() throws Exception {
    try (LiveSmtpServer server =
            LiveSmtpServer.behindProxies(
                data, ONE_PER_NETWORK, Set.of(InetAddress.getByName("127.0.0.1")));
        Client direct = new Client("127.0.0.2", server.port())) {
      // Greeted at once: no header is awaited from it, and a header it sends is a bad command.
      assertThat(direct.line()).startsWith("220 ");
      direct.send("PROXY TCP4 203.0.113.9 127.0.0.1 40000 25");
      assertThat(direct.line()).startsWith("500 ");
      // It is still counted as itself, not as the client it named.
      try (Client again = new Client("127.0.0.2", server.port())) {
        assertThat(again.line()).isEqualTo("421 4.7.0 Too many connections from your address");
      }
    }
  }

  /** A bare-socket client from a chosen loopback address. */
  private static final class Client implements AutoCloseable {
    private final Socket socket = new Socket();
    private final BufferedReader in;
    private final OutputStream out;

    Client(String from, int port) throws IOException {
      socket.bind(new InetSocketAddress(from, 0));
      socket.connect(new InetSocketAddress("127.0.0.1", port));
      socket.setSoTimeout(20_000);
      in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      out = socket.getOutputStream();
    }

    void send(String line) throws IOException {
      out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    }

    String line() throws IOException {
      return in.readLine();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
