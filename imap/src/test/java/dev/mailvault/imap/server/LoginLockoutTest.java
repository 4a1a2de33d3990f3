package dev.mailvault.imap.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.auth.LoginThrottle;
import dev.mailvault.imap.session.ImapLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, security item 2: an attacker throttles themselves, not the owner (ADR 0171). Every
 * client is a real socket bound to its own loopback address (all of 127/8 is loopback on Linux), so
 * each is a different client network to the server.
 */
class LoginLockoutTest {

  private static final String FAILED = " NO [AUTHENTICATIONFAILED] Authentication failed";
  private static final String RIGHT =
      " LOGIN hello@example.com \"" + LiveImapServer.PASSWORD + "\"";

  /** Production thresholds, millisecond delays. */
  private static final LoginThrottle.Policy POLICY =
      new LoginThrottle.Policy(
          Duration.ofMillis(1),
          Duration.ofMillis(5),
          Duration.ofMinutes(15),
          10,
          50,
          Duration.ofMinutes(15),
          20,
          Duration.ofMillis(5),
          Duration.ofDays(30));

  @Test
  void theOwnerLogsInFromTheirNetworkWhileAttackersElsewhereAreBlocked(@TempDir Path data)
      throws Exception {
    try (LiveImapServer server = LiveImapServer.start(data, ImapLimits.DEFAULTS, POLICY)) {
      server.addAlias("hello@example.com");
      try (Client owner = new Client("127.0.0.1", server.port())) {
        assertThat(owner.command("a1" + RIGHT)).startsWith("a1 OK");
      }
      // 30 wrong passwords from three networks: more than the 20 that used to lock the login.
      for (String attacker : new String[] {"127.0.0.2", "127.0.0.3", "127.0.0.4"}) {
        try (Client client = new Client(attacker, server.port())) {
          for (int i = 0; i < 10; i++) {
            assertThat(client.command("f" + i + " LOGIN hello@example.com wrong" + i))
                .isEqualTo("f" + i + FAILED);
          }
          assertThat(client.command("b1" + RIGHT)).isEqualTo("b1" + FAILED);
        }
      }
      try (Client owner = new Client("127.0.0.1", server.port())) {
        assertThat(owner.command("a2" + RIGHT)).startsWith("a2 OK");
      }
      // A network that never failed still gets in: the account is slowed down, never blocked.
      try (Client traveller = new Client("127.0.0.9", server.port())) {
        assertThat(traveller.command("a3" + RIGHT)).startsWith("a3 OK");
      }
    }
  }

  @Test
  void quotedAndDifferentlyCasedLoginsShareOneCount(@TempDir Path data) throws Exception {
    try (LiveImapServer server = LiveImapServer.start(data, ImapLimits.DEFAULTS, POLICY);
        Client attacker = new Client("127.0.0.5", server.port())) {
      server.addAlias("hello@example.com");
      for (int i = 0; i < 5; i++) {
        assertThat(attacker.command("q" + i + " LOGIN \"\\\"hello\\\"@example.com\" wrong"))
            .isEqualTo("q" + i + FAILED);
        assertThat(attacker.command("u" + i + " LOGIN HELLO@EXAMPLE.COM wrong"))
            .isEqualTo("u" + i + FAILED);
      }
      assertThat(attacker.command("b1" + RIGHT)).isEqualTo("b1" + FAILED);
    }
  }

  /** A bare-socket client from a chosen local address. */
  private static final class Client implements AutoCloseable {
    private final Socket socket = new Socket();
    private final InputStream in;
    private final OutputStream out;

    Client(String from, int port) throws IOException {
      socket.bind(new InetSocketAddress(from, 0));
      socket.connect(new InetSocketAddress("127.0.0.1", port));
      socket.setSoTimeout(20_000);
      in = socket.getInputStream();
      out = socket.getOutputStream();
      assertThat(line()).startsWith("* OK");
    }

    String line() throws IOException {
      return TranscriptRunner.readLine(in);
    }

    /** Sends a command and returns its tagged answer. */
    String command(String text) throws IOException {
      out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
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
