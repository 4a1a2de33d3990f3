package dev.mailvault.imap.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.mailvault.core.auth.LoginThrottle;
import dev.mailvault.core.security.SecurityLog;
import dev.mailvault.imap.session.ImapLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The PROXY protocol v1 and v2 (ADR 0173): behind a trusted proxy, the throttle and the security
 * log see the clients the proxy names, so one attacker does not block everyone behind it.
 */
class ProxyProtocolTest {

  private static final String FAILED = " NO [AUTHENTICATIONFAILED] Authentication failed";
  private static final String RIGHT =
      " LOGIN hello@example.com \"" + LiveImapServer.PASSWORD + "\"";

  private static final LoginThrottle.Policy POLICY =
      new LoginThrottle.Policy(
          Duration.ofMillis(1),
          Duration.ofMillis(5),
          Duration.ofMinutes(15),
          3,
          50,
          Duration.ofMinutes(15),
          20,
          Duration.ofMillis(5),
          Duration.ofDays(30));

  /**
   * The proxy may have ended TLS itself; to the server, a proxied client is not on loopback, so
   * plaintext LOGIN must be allowed for these tests as an operator behind such a proxy would.
   */
  private static final ImapLimits PLAINTEXT = ImapLimits.DEFAULTS.withAllowPlaintextAuth(true);

  /** Fixed: the 12-byte signature of a v2 header (proxy-protocol.txt §2.2). */
  private static final byte[] V2_SIGNATURE = {
    0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A
  };

  @TempDir Path data;

  private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
  private Logger security;

  @BeforeEach
  void capture() {
    security = (Logger) LoggerFactory.getLogger(SecurityLog.LOGGER);
    captured.setContext(security.getLoggerContext());
    captured.start();
    security.addAppender(captured);
    // The tests' root level is WARN; failed logins are INFO.
    security.setLevel(Level.INFO);
  }

  @AfterEach
  void release() {
    security.detachAppender(captured);
    security.setLevel(null);
  }

  @Test
  void anAttackerBehindTheProxyBlocksOnlyItselfAndIsLoggedByItsOwnAddress() throws Exception {
    try (LiveImapServer server =
        LiveImapServer.behindProxies(
            data, PLAINTEXT, POLICY, Set.of(InetAddress.getByName("127.0.0.1")))) {
      server.addAlias("hello@example.com");
      try (Client attacker = new Client(server.port())) {
        attacker.write(
            "PROXY TCP4 203.0.113.9 127.0.0.1 40000 143\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(attacker.line()).startsWith("* OK");
        for (int i = 0; i < 3; i++) {
          assertThat(attacker.command("f" + i + " LOGIN hello@example.com wrong"))
              .isEqualTo("f" + i + FAILED);
        }
        assertThat(attacker.command("b1" + RIGHT)).isEqualTo("b1" + FAILED);
      }
      try (Client owner = new Client(server.port())) {
        // The client's first bytes may share a packet with the header: they are not lost.
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        first.writeBytes(v2Header(new byte[] {(byte) 198, 51, 100, 7}, new byte[] {127, 0, 0, 1}));
        first.writeBytes("a0 NOOP\r\n".getBytes(StandardCharsets.US_ASCII));
        owner.write(first.toByteArray());
        assertThat(owner.line()).startsWith("* OK");
        assertThat(owner.line()).isEqualTo("a0 OK NOOP completed");
        assertThat(owner.command("a1" + RIGHT)).startsWith("a1 OK");
      }
    }
    List<String> lines = captured.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(lines).isNotEmpty().allMatch(line -> line.contains(" client=203.0.113.9 "));
    assertThat(lines).anyMatch(line -> line.startsWith("security: auth-blocked "));
  }

  @Test
  void aPeerThatIsNotTrustedIsItselfWhateverItSends() throws Exception {
    try (LiveImapServer server =
            LiveImapServer.behindProxies(
                data, PLAINTEXT, POLICY, Set.of(InetAddress.getByName("127.0.0.1")));
        Client direct = new Client("127.0.0.2", server.port())) {
      assertThat(direct.line()).startsWith("* OK");
      assertThat(direct.command("PROXY TCP4 203.0.113.9 127.0.0.1 40000 143"))
          .startsWith("PROXY BAD");
      assertThat(direct.command("f1 LOGIN hello@example.com wrong")).isEqualTo("f1" + FAILED);
    }
    assertThat(captured.list.get(0).getFormattedMessage()).contains(" client=127.0.0.2 ");
  }

  /** A v2 PROXY header for TCP over IPv4 (proxy-protocol.txt §2.2). */
  private static byte[] v2Header(byte[] source, byte[] destination) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(V2_SIGNATURE);
    out.write(0x21); // version 2, PROXY
    out.write(0x11); // AF_INET, STREAM
    out.write(0);
    out.write(12); // addresses and ports
    out.writeBytes(source);
    out.writeBytes(destination);
    out.writeBytes(new byte[] {(byte) 0x9c, 0x40, 0x00, (byte) 143});
    return out.toByteArray();
  }

  /** A bare-socket client from a chosen loopback address. */
  private static final class Client implements AutoCloseable {
    private final Socket socket = new Socket();
    private final InputStream in;
    private final OutputStream out;

    Client(int port) throws IOException {
      this("127.0.0.1", port);
    }

    Client(String from, int port) throws IOException {
      socket.bind(new InetSocketAddress(from, 0));
      socket.connect(new InetSocketAddress("127.0.0.1", port));
      socket.setSoTimeout(20_000);
      in = socket.getInputStream();
      out = socket.getOutputStream();
    }

    void write(byte[] bytes) throws IOException {
      out.write(bytes);
      out.flush();
    }

    String line() throws IOException {
      return TranscriptRunner.readLine(in);
    }

    String command(String text) throws IOException {
      write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
      String tag = text.substring(0, text.indexOf(' '));
      String line;
      do {
        line = line();
      } while (!line.startsWith(tag + " ") && !line.equals("<closed>"));
      return line;
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
