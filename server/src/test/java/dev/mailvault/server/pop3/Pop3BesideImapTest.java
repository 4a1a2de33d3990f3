package dev.mailvault.server.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.server.admin.AliasLifecycle;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.mail.TestedNode;
import dev.mailvault.store.spool.SpoolStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * POP3 and IMAP on one alias at once, through a whole node (issue 12, ADR 0193): no lock keeps
 * either out; a POP3 DELE+QUIT reaches a selected IMAP session as EXPUNGE, and an IMAP expunge
 * makes a POP3 RETR of that message a clean {@code -ERR}.
 */
class Pop3BesideImapTest {

  private static final String ADDRESS = "both@example.com";
  private static final String PASSWORD = "correct horse battery staple";

  @TempDir Path data;

  @Test
  void deletesAreSeenBothWays() throws Exception {
    try (TestedNode node = start()) {
      try (Wire imap = new Wire(node.imapPort())) {
        imap.line();
        imap.tagged("a", "a LOGIN " + ADDRESS + " \"" + PASSWORD + "\"");
        append(imap, "b", "Subject: one\r\n\r\nfirst\r\n");
        append(imap, "c", "Subject: two\r\n\r\nsecond\r\n");
        assertThat(imap.tagged("d", "d SELECT INBOX")).contains("* 2 EXISTS");

        try (Wire pop3 = new Wire(node.pop3Port())) {
          assertThat(pop3.line()).startsWith("+OK");
          assertThat(pop3.command("USER " + ADDRESS)).startsWith("+OK");
          assertThat(pop3.command("PASS " + PASSWORD)).startsWith("+OK Logged in, 2 messages");
          assertThat(pop3.command("DELE 1")).isEqualTo("+OK Message 1 deleted");
          assertThat(pop3.command("QUIT")).startsWith("+OK");
        }
        List<String> seen = new ArrayList<>();
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> {
                  seen.addAll(imap.tagged("n", "n NOOP"));
                  return seen.contains("* 1 EXPUNGE");
                });

        try (Wire pop3 = new Wire(node.pop3Port())) {
          pop3.line();
          pop3.command("USER " + ADDRESS);
          assertThat(pop3.command("PASS " + PASSWORD)).startsWith("+OK Logged in, 1 messages");
          imap.tagged("e", "e STORE 1 +FLAGS (\\Deleted)");
          assertThat(imap.tagged("f", "f EXPUNGE")).contains("* 1 EXPUNGE");
          assertThat(pop3.command("RETR 1"))
              .isEqualTo("-ERR Message 1 was removed by another session");
          assertThat(pop3.command("STAT")).startsWith("+OK 1 ");
          assertThat(pop3.command("QUIT")).startsWith("+OK");
        }
      }
    }
  }

  /**
   * ADR 0171 across protocols: the node has one login throttle, so failures over POP3 block the
   * account from that network over IMAP too, right password or not. With a throttle per protocol a
   * guesser would get a fresh allowance on each.
   */
  @Test
  void failedPop3LoginsCountForImapToo() throws Exception {
    try (TestedNode node = start(Map.of(Setting.LOGIN_FAILURES_PER_NETWORK, "2"))) {
      for (int attempt = 0; attempt < 2; attempt++) {
        try (Wire pop3 = new Wire(node.pop3Port())) {
          pop3.line();
          assertThat(pop3.command("USER " + ADDRESS)).startsWith("+OK");
          assertThat(pop3.command("PASS wrong-" + attempt)).startsWith("-ERR [AUTH]");
        }
      }
      try (Wire imap = new Wire(node.imapPort())) {
        imap.line();
        assertThat(imap.tagged("a", "a LOGIN " + ADDRESS + " \"" + PASSWORD + "\""))
            .last()
            .asString()
            .startsWith("a NO");
      }
    }
  }

  /** The POP3 deadlines are the operator's settings (ADR 0176), not only the defaults. */
  @Test
  void theLoginDeadlineComesFromTheSettings() throws Exception {
    try (TestedNode node = start(Map.of(Setting.POP3_LOGIN_TIMEOUT_SECONDS, "1"));
        Wire pop3 = new Wire(node.pop3Port())) {
      assertThat(pop3.line()).startsWith("+OK");
      // Nothing sent: the next line is the server giving up, well before the 60 s default.
      assertThat(pop3.line()).isEqualTo("-ERR Login took too long");
      assertThat(pop3.line()).isEmpty(); // then the connection closes
    }
  }

  private static void append(Wire imap, String tag, String message) throws IOException {
    byte[] bytes = message.getBytes(StandardCharsets.US_ASCII);
    imap.send(tag + " APPEND INBOX {" + bytes.length + "}");
    assertThat(imap.line()).startsWith("+");
    imap.raw(bytes);
    imap.send(""); // the command line goes on, and ends, after the literal
    assertThat(imap.tagged(tag, "")).last().asString().startsWith(tag + " OK");
  }

  private TestedNode start() throws Exception {
    return start(Map.of());
  }

  private TestedNode start(Map<Setting, String> extra) throws Exception {
    Map<Setting, String> values = new HashMap<>(extra);
    values.put(Setting.DATA, data.toString());
    values.put(Setting.BIND, "127.0.0.1");
    for (Setting port :
        new Setting[] {
          Setting.HTTP_PORT,
          Setting.HTTPS_PORT,
          Setting.IMAP_PORT,
          Setting.IMAPS_PORT,
          Setting.SMTP_PORT,
          Setting.POP3_PORT,
          Setting.POP3S_PORT,
          Setting.MANAGESIEVE_PORT,
          Setting.SUBMISSION_PORT,
          Setting.SUBMISSIONS_PORT
        }) {
      values.put(port, "0");
    }
    values.put(Setting.BACKUP_SCHEDULE, "false");
    TestedNode node = TestedNode.start(values);
    node.directory().addDomain(EmailAddress.parse(ADDRESS).domain());
    new AliasLifecycle(node.directory(), node.vaults(), new SpoolStore(data.resolve("spool")))
        .create(EmailAddress.parse(ADDRESS), PASSWORD.toCharArray())
        .close();
    return node;
  }

  /** A bare line client for both protocols. */
  private static final class Wire implements AutoCloseable {
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
      raw((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    void raw(byte[] bytes) throws IOException {
      out.write(bytes);
      out.flush();
    }

    String line() throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int b;
      while ((b = in.read()) >= 0 && b != '\n') {
        line.write(b);
      }
      String text = line.toString(StandardCharsets.UTF_8);
      return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    String command(String line) throws IOException {
      send(line);
      return line();
    }

    /** Sends an IMAP command (unless empty) and returns every line up to its tagged answer. */
    List<String> tagged(String tag, String command) throws IOException {
      if (!command.isEmpty()) {
        send(command);
      }
      List<String> lines = new ArrayList<>();
      String line;
      do {
        line = line();
        lines.add(line);
      } while (!line.startsWith(tag + " "));
      return lines;
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
