package dev.mailvault.server.sieve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.server.admin.AliasLifecycle;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.mail.NoDns;
import dev.mailvault.server.mail.TestedNode;
import dev.mailvault.store.spool.SpoolStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ManageSieve wired into a whole node (ADR 0248): it stores scripts in the node's directory, where
 * the MX reads the active one, and its failed logins count in the node's one login throttle, so a
 * guesser blocked over ManageSieve is blocked over IMAP too (ADR 0171).
 */
class ManageSieveNodeTest {

  private static final String ALIAS = "alice@example.com";
  private static final String PASSWORD = "a long and proper pass phrase";

  @TempDir Path data;

  private Map<Setting, String> settings() {
    return Map.ofEntries(
        Map.entry(Setting.DATA, data.toString()),
        Map.entry(Setting.BIND, "127.0.0.1"),
        Map.entry(Setting.HTTP_PORT, "0"),
        Map.entry(Setting.HTTPS_PORT, "0"),
        Map.entry(Setting.IMAP_PORT, "0"),
        Map.entry(Setting.IMAPS_PORT, "0"),
        Map.entry(Setting.SMTP_PORT, "0"),
        Map.entry(Setting.DNS_RESOLVERS, NoDns.RESOLVER),
        Map.entry(Setting.POP3_PORT, "0"),
        Map.entry(Setting.POP3S_PORT, "0"),
        Map.entry(Setting.SUBMISSION_PORT, "0"),
        Map.entry(Setting.SUBMISSIONS_PORT, "0"),
        Map.entry(Setting.MANAGESIEVE_PORT, "0"),
        Map.entry(Setting.LOGIN_FAILURES_PER_NETWORK, "3"));
  }

  @Test
  void scriptsGoToTheDirectoryAndWrongPasswordsCountForImapToo() throws Exception {
    try (TestedNode node = TestedNode.start(settings())) {
      node.directory().addDomain(EmailAddress.parse(ALIAS).domain());
      new AliasLifecycle(node.directory(), node.vaults(), new SpoolStore(data.resolve("spool")))
          .create(EmailAddress.parse(ALIAS), PASSWORD.toCharArray())
          .close();

      try (Client sieve = new Client("127.0.0.4", node.manageSievePort())) {
        sieve.untilOk();
        assertThat(sieve.command("AUTHENTICATE \"PLAIN\" \"" + plain(PASSWORD) + "\""))
            .isEqualTo("OK \"Logged in\"");
        assertThat(sieve.command("PUTSCRIPT \"vacation\" {6+}\r\nkeep;\n"))
            .isEqualTo("OK \"Putscript completed\"");
        assertThat(sieve.command("SETACTIVE \"vacation\"")).isEqualTo("OK \"Setactive completed\"");
      }
      assertThat(node.directory().activeSieveScript(EmailAddress.parse(ALIAS))).contains("keep;\n");

      try (Client sieve = new Client("127.0.0.2", node.manageSievePort())) {
        sieve.untilOk();
        for (int i = 0; i < 3; i++) {
          assertThat(sieve.command("AUTHENTICATE \"PLAIN\" \"" + plain("wrong") + "\""))
              .isEqualTo("NO \"Authentication failed\"");
        }
      }
      // The right password from the same network is now refused over IMAP as well.
      try (Client imap = new Client("127.0.0.2", node.imapPort())) {
        imap.line();
        assertThat(imap.command("a1 LOGIN " + ALIAS + " \"" + PASSWORD + "\""))
            .startsWith("a1 NO ");
      }
    }
  }

  private static String plain(String password) {
    return Base64.getEncoder()
        .encodeToString(("\0" + ALIAS + "\0" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** A bare line client bound to a loopback address of the test's choosing. */
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

    String line() throws IOException {
      return in.readLine();
    }

    /** Reads to the greeting's OK. */
    void untilOk() throws IOException {
      String line;
      do {
        line = line();
      } while (line != null && !line.startsWith("OK"));
    }

    /** Sends a request; the first line starting OK, NO or BYE (or an IMAP tag) answers it. */
    String command(String text) throws IOException {
      out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      String tag = text.startsWith("a1 ") ? "a1 " : null;
      String line;
      do {
        line = line();
      } while (line != null
          && (tag != null
              ? !line.startsWith(tag)
              : !(line.startsWith("OK") || line.startsWith("NO") || line.startsWith("BYE"))));
      return line;
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
