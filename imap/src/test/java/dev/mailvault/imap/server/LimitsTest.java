package dev.mailvault.imap.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.imap.session.ImapLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configurable limits of issue 3 and DESIGN §7, on a live server. */
class LimitsTest {

  private static final String LOGIN = "LOGIN hello@example.com \"" + LiveImapServer.PASSWORD + "\"";

  @Test
  void repeatedFailuresBlockEvenTheRightPasswordWithTheSameAnswer(@TempDir Path data)
      throws Exception {
    try (LiveImapServer server = LiveImapServer.start(data)) {
      server.addAlias("hello@example.com");
      try (Client client = new Client(server.port())) {
        for (int i = 0; i < 10; i++) {
          assertThat(client.command("f" + i + " LOGIN hello@example.com wrong" + i))
              .isEqualTo("f" + i + " NO [AUTHENTICATIONFAILED] Authentication failed");
        }
        assertThat(client.command("a1 " + LOGIN))
            .isEqualTo("a1 NO [AUTHENTICATIONFAILED] Authentication failed");
      }
    }
  }

  @Test
  void connectionsPerAddressAreCapped(@TempDir Path data) throws Exception {
    ImapLimits limits =
        new ImapLimits(
            64 * 1024,
            1024 * 1024,
            Duration.ofMinutes(30),
            Duration.ofMinutes(2),
            Duration.ofMinutes(29),
            2,
            false);
    try (LiveImapServer server = LiveImapServer.start(data, limits);
        Client first = new Client(server.port());
        Client second = new Client(server.port());
        Client third = new Client(server.port(), false)) {
      assertThat(first.greeting).startsWith("* OK");
      assertThat(second.greeting).startsWith("* OK");
      assertThat(third.line()).isEqualTo("* BYE Too many connections from your address");
      assertThat(third.line()).isEqualTo("<closed>");
    }
  }

  @Test
  void silenceEndsInAutologoutButIdleGetsKeepAlives(@TempDir Path data) throws Exception {
    ImapLimits limits =
        ImapLimits.DEFAULTS.withIdle(
            Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofSeconds(60));
    try (LiveImapServer server = LiveImapServer.start(data, limits)) {
      server.addAlias("hello@example.com");
      try (Client quiet = new Client(server.port())) {
        assertThat(quiet.line()).isEqualTo("* BYE Autologout; idle for too long");
        assertThat(quiet.line()).isEqualTo("<closed>");
      }
      try (Client idle = new Client(server.port())) {
        assertThat(idle.command("a1 " + LOGIN)).startsWith("a1 OK");
        assertThat(idle.command("a2 SELECT INBOX")).startsWith("a2 OK");
        idle.send("a3 IDLE");
        assertThat(idle.line()).isEqualTo("+ idling");
        assertThat(idle.line()).isEqualTo("* OK Still here");
        assertThat(idle.line()).isEqualTo("* OK Still here");
        idle.send("DONE");
        assertThat(idle.untilTagged("a3")).isEqualTo("a3 OK IDLE terminated");
      }
    }
  }

  @Test
  void oversizedLinesAndLiteralsAreRefusedAndTheConnectionStaysUsable(@TempDir Path data)
      throws Exception {
    ImapLimits limits =
        new ImapLimits(
            1024,
            4096,
            Duration.ofMinutes(30),
            Duration.ofMinutes(2),
            Duration.ofMinutes(29),
            10,
            false);
    try (LiveImapServer server = LiveImapServer.start(data, limits)) {
      server.addAlias("hello@example.com");
      try (Client client = new Client(server.port())) {
        assertThat(client.command("a1 " + LOGIN)).startsWith("a1 OK");
        assertThat(client.command("a2 NOOP " + "x".repeat(2000)))
            .isEqualTo("a2 BAD Command line too long");
        // RFC 7888 §4 / RFC 9051 §7.1: a synchronising literal over the limit gets no "+".
        assertThat(client.command("a3 APPEND INBOX {5000}"))
            .isEqualTo("a3 NO [TOOBIG] Literal too large");
        assertThat(client.command("a5 NOOP")).isEqualTo("a5 OK NOOP completed");
        // A non-synchronising one ends the connection at its announcement: its bytes, whenever
        // they come, are never read (ADR 0167).
        client.send("a4 APPEND INBOX {5000+}");
        assertThat(client.line()).isEqualTo("* BYE Literal too large; closing the connection");
        assertThat(client.line()).isEqualTo("a4 BAD [TOOBIG] Literal too large");
      }
    }
  }

  /** A bare-socket client: lines out, lines in. */
  private static final class Client implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    final String greeting;

    Client(int port) throws IOException {
      this(port, true);
    }

    Client(int port, boolean readGreeting) throws IOException {
      socket = new Socket("127.0.0.1", port);
      socket.setSoTimeout(20_000);
      in = socket.getInputStream();
      out = socket.getOutputStream();
      greeting = readGreeting ? line() : null;
    }

    void send(String text) throws IOException {
      out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    }

    String line() throws IOException {
      return TranscriptRunner.readLine(in);
    }

    /** Sends a command and returns its tagged answer. */
    String command(String text) throws IOException {
      send(text);
      return untilTagged(text.substring(0, text.indexOf(' ')));
    }

    String untilTagged(String tag) throws IOException {
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
