package dev.mailvault.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mailvault.server.imapimport.DovecotSource;
import dev.mailvault.server.imapimport.SeededMail;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import --from imap://...} to a server that offers no STARTTLS and is not this machine: the
 * password is not sent unless {@code --insecure} (ADR 0145). The source is a real Dovecot on
 * 127.0.0.1 without TLS; the command's JVM resolves the name {@code mixed.example.test} from its
 * own hosts file ({@code jdk.net.hosts.file}) to 127.0.0.1 first and 192.0.2.1 second, so the
 * connection reaches the test's Dovecot while the name, having a non-loopback address, counts as
 * another machine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlaintextSourceCommandTest {

  private static final String ALIAS = "me@example.net";
  private static final String ALIAS_PASSWORD = "the target alias password";
  private static final String HOST = "mixed.example.test";

  private final SeededMail mail = SeededMail.generate(5L, 12);
  private DovecotSource source;
  private CliProcess cli;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    String missing = DovecotSource.missing();
    assumeTrue(missing == null, () -> "skipped: " + missing);
    source = DovecotSource.start(dir);
    mail.appendTo(source.port(), DovecotSource.USER, DovecotSource.PASSWORD);
    // Dovecot writes its log through a separate log process: the seeding's login lines (Angus
    // Mail may open more than one connection) can appear after appendTo returns. Count from a
    // quiet log, where every session that logged in has also logged out, or the test's first
    // count misses a line that its second finds.
    await().atMost(Duration.ofSeconds(60)).until(() -> logins() > 0 && logins() == sessionsEnded());
    Path hosts = dir.resolve("hosts");
    Files.writeString(hosts, "127.0.0.1 " + HOST + "\n192.0.2.1 " + HOST + "\n");
    cli =
        new CliProcess(
            dir.resolve("target-data"),
            Map.of("JAVA_TOOL_OPTIONS", "-Djdk.net.hosts.file=" + hosts));
    assertThat(cli.run("domain", "add", "example.net").exitCode()).isZero();
    assertThat(
            cli.runWithInput(ALIAS_PASSWORD + "\n", "alias", "add", ALIAS, "--password-stdin")
                .exitCode())
        .isZero();
  }

  @AfterAll
  void stop() {
    if (source != null) {
      source.close();
    }
  }

  @Test
  void thePasswordGoesOutInClearOnlyWithInsecure() throws Exception {
    long loginsBefore = logins();

    CliProcess.Result refused = importFrom();

    assertThat(refused.exitCode()).as(refused.stderr()).isEqualTo(1);
    List<String> said = ownLines(refused.stderr());
    assertThat(said).as(refused.stderr()).hasSize(1);
    assertThat(said.get(0))
        .startsWith("mailvault: ")
        .contains(HOST + " offers no STARTTLS")
        .contains("--insecure");
    // Dovecot logs the connection that ended before any AUTHENTICATE or LOGIN.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> source.log().contains("(no auth attempts in "));
    assertThat(logins()).as("no login reached the source").isEqualTo(loginsBefore);

    CliProcess.Result allowed = importFrom("--insecure");

    assertThat(allowed.exitCode()).as(allowed.stderr()).isZero();
    assertThat(allowed.stdout()).contains("imported " + mail.messages().size() + " messages");
    await().atMost(Duration.ofSeconds(10)).until(() -> logins() > loginsBefore);
    assertThat(logins()).isEqualTo(loginsBefore + 1);
  }

  private CliProcess.Result importFrom(String... extra) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "import",
                ALIAS,
                "--from",
                "imap://source%40example.com@" + HOST + ":" + source.port(),
                "--password-stdin"));
    args.addAll(List.of(extra));
    return cli.runWithInput(
        ALIAS_PASSWORD + "\n" + DovecotSource.PASSWORD + "\n", args.toArray(String[]::new));
  }

  private long logins() throws Exception {
    return source.log().lines().filter(line -> line.contains("Login: user=<")).count();
  }

  /** Mail sessions (not login processes) that Dovecot has logged as ended. */
  private long sessionsEnded() throws Exception {
    return source
        .log()
        .lines()
        .filter(line -> line.contains("imap(") && line.contains("Disconnected"))
        .count();
  }

  /** Standard error without the JVM's note about JAVA_TOOL_OPTIONS. */
  private static List<String> ownLines(String stderr) {
    return stderr.lines().filter(line -> !line.startsWith("Picked up JAVA_TOOL_OPTIONS")).toList();
  }
}
