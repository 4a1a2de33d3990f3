package dev.mailvault.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.read.ListAppender;
import dev.mailvault.core.security.LoginHasher;
import dev.mailvault.core.security.SecurityLog;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.mail.NoDns;
import dev.mailvault.server.mail.TestedNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Issue 10, security item 5: the lines a running node writes for failed logins, blocks and refused
 * connections, formatted with the node's own log pattern, match the fail2ban filter documented in
 * docs/fail2ban.md and name the attacker's address, never the login or the password (ADR 0172).
 */
class SecurityLogLinesTest {

  private static final String LOGIN = "alice@example.com";
  private static final String PASSWORD = "hunter2-secret";

  /** fail2ban's {@code <HOST>}, for addresses as the JDK writes them. */
  private static final String HOST = "(?<host>[0-9A-Fa-f:.]+)";

  /** fail2ban removes the date a file's line starts with before matching: do the same. */
  private static final Pattern DATE =
      Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z ");

  @TempDir Path data;

  private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
  private Logger security;

  @BeforeEach
  void capture() {
    security = (Logger) LoggerFactory.getLogger(SecurityLog.LOGGER);
    captured.setContext(security.getLoggerContext());
    captured.start();
    security.addAppender(captured);
  }

  @AfterEach
  void release() {
    security.detachAppender(captured);
  }

  @Test
  void failedLoginsBlocksAndRefusalsAreLinesFail2banMatches() throws Exception {
    Path securityLogKey;
    Map<Setting, String> settings =
        Map.ofEntries(
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
            Map.entry(Setting.MANAGESIEVE_PORT, "0"),
            Map.entry(Setting.SUBMISSION_PORT, "0"),
            Map.entry(Setting.SUBMISSIONS_PORT, "0"),
            Map.entry(Setting.LOGIN_FAILURES_PER_NETWORK, "3"),
            Map.entry(Setting.IMAP_CONNECTIONS_PER_IP, "1"),
            Map.entry(Setting.SMTP_CONNECTIONS_PER_IP, "1"));
    try (TestedNode node = TestedNode.start(settings)) {
      securityLogKey = node.clientsData().resolve("security-log.key");
      try (Client imap = new Client("127.0.0.2", node.imapPort())) {
        for (int i = 0; i < 4; i++) {
          assertThat(imap.command("a" + i + " LOGIN " + LOGIN + " " + PASSWORD))
              .isEqualTo("a" + i + " NO [AUTHENTICATIONFAILED] Authentication failed");
        }
        try (Client second = new Client("127.0.0.2", node.imapPort())) {
          assertThat(second.line()).isEqualTo("* BYE Too many connections from your address");
        }
      }
      // The second connects once the first is admitted: two at once reach their event loops in
      // either order, and either may be the one refused.
      try (Client smtp = new Client("127.0.0.3", node.smtpPort())) {
        assertThat(smtp.line()).startsWith("220 ");
        try (Client second = new Client("127.0.0.3", node.smtpPort())) {
          assertThat(second.line()).startsWith("421 4.7.0 ");
        }
      }
      // 3 failures, the block the third started, the blocked fourth, two refused connections.
      await().atMost(Duration.ofSeconds(20)).until(() -> captured.list.size() >= 7);
    }

    Pattern failregex = failregexFromDocs();
    String login = LoginHasher.openOrCreate(securityLogKey).name(LOGIN);
    List<String> lines = captured.list.stream().map(nodeLayout()::doLayout).toList();
    assertThat(lines).hasSize(7);
    for (String line : lines) {
      assertThat(line).doesNotContain("alice", "example.com", PASSWORD);
      String withoutDate = DATE.matcher(line).replaceFirst("");
      assertThat(withoutDate).isNotEqualTo(line);
      for (String form : List.of(line, withoutDate)) {
        Matcher matcher = failregex.matcher(form);
        assertThat(matcher.find()).as("failregex matches %s", form).isTrue();
        assertThat(matcher.group("host")).isIn("127.0.0.2", "127.0.0.3");
      }
    }
    List<String> messages = captured.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    String failed = "security: auth-failed proto=imap client=127.0.0.2 login=" + login;
    assertThat(messages)
        .containsExactly(
            failed + " reason=bad-credentials",
            failed + " reason=bad-credentials",
            failed + " reason=bad-credentials",
            messages.get(3),
            failed + " reason=blocked",
            "security: conn-refused proto=imap client=127.0.0.2 reason=per-address-limit",
            "security: conn-refused proto=smtp client=127.0.0.3 reason=per-address-limit");
    assertThat(messages.get(3))
        .startsWith(
            "security: auth-blocked proto=imap client=127.0.0.2 login="
                + login
                + " scope=account-from-network network=127.0.0.2/32 until=");
  }

  /** The failregex line of docs/fail2ban.md, with {@code <HOST>} as a Java group. */
  private static Pattern failregexFromDocs() throws IOException {
    Path doc = Path.of("..", "docs", "fail2ban.md");
    String line =
        Files.readAllLines(doc).stream()
            .filter(l -> l.startsWith("failregex = "))
            .findFirst()
            .orElseThrow();
    return Pattern.compile(line.substring("failregex = ".length()).replace("<HOST>", HOST));
  }

  /**
   * A layout with the pattern of the node's own console appender (src/main/resources/logback.xml).
   */
  private static PatternLayout nodeLayout() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    var appender = (OutputStreamAppender<ILoggingEvent>) root.getAppender("STDERR");
    PatternLayout layout = new PatternLayout();
    layout.setContext(context);
    layout.setPattern(((PatternLayoutEncoder) appender.getEncoder()).getPattern());
    layout.start();
    return layout;
  }

  /** A bare-socket client from a chosen loopback address: lines in, lines out. */
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

    String command(String text) throws IOException {
      out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      String tag = text.substring(0, text.indexOf(' '));
      String line;
      do {
        line = line();
      } while (line != null && !line.startsWith(tag + " "));
      return line;
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
