package dev.mailvault.imap.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mailvault.core.testing.ExternalProgram;
import dev.mailvault.imap.server.LiveImapServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Python's standard {@code imaplib} (python3, installed by {@code .ci/run}) runs a whole session:
 * STARTTLS or implicit TLS with certificate verification, LOGIN, SELECT, APPEND, FETCH, STORE,
 * SEARCH, EXPUNGE, CLOSE, LOGOUT.
 */
class ImaplibClientTest {

  private static final String USER = "hello@example.com";

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"starttls", "ssl"})
  void fullSession(String mode, @TempDir Path data, @TempDir Path work) throws Exception {
    assumeTrue(ExternalProgram.installed("python3"), "python3 is not installed");
    String lunch = TestMessages.plain("Lunch", "Noon at the usual place?");
    Files.write(work.resolve("message-1.eml"), TestMessages.bytes(lunch));
    Files.write(work.resolve("message-2.eml"), TestMessages.bytes(TestMessages.MULTIPART));

    String output;
    try (LiveImapServer server = LiveImapServer.start(data)) {
      server.addAlias(USER);
      Path script = ClientScripts.copy("imaplib_session.py", work);
      Path pem = TestCertificate.writePem(work);
      int port = mode.equals("ssl") ? server.tlsPort() : server.port();
      output =
          ExternalProgram.run(
                  work,
                  Map.of("PYTHONDONTWRITEBYTECODE", "1"),
                  Duration.ofSeconds(30),
                  List.of(
                      "python3",
                      script.toString(),
                      mode,
                      "localhost",
                      Integer.toString(port),
                      pem.toString(),
                      USER,
                      LiveImapServer.PASSWORD,
                      work.toString()))
              .requireSuccess()
              .output();
    }

    assertThat(ClientScripts.value(output, "tls")).isIn("TLSv1.2", "TLSv1.3");
    assertThat(ClientScripts.value(output, "capabilities")).contains("IMAP4REV1", "IDLE");
    assertThat(ClientScripts.value(output, "select")).isEqualTo("OK 0");
    assertThat(ClientScripts.value(output, "append-1")).containsPattern("APPENDUID \\d+ 1\\]");
    assertThat(ClientScripts.value(output, "append-2")).containsPattern("APPENDUID \\d+ 2\\]");
    assertThat(ClientScripts.value(output, "exists")).isEqualTo("2");
    assertThat(Files.readAllBytes(work.resolve("fetched-1.eml")))
        .isEqualTo(TestMessages.bytes(lunch));
    assertThat(Files.readAllBytes(work.resolve("fetched-2.eml")))
        .isEqualTo(TestMessages.bytes(TestMessages.MULTIPART));

    List<String> flags = ClientScripts.values(output, "flags");
    assertThat(flags).hasSize(2);
    assertThat(flags.get(0))
        .startsWith("1 (")
        .contains("FLAGS ()")
        .contains("RFC822.SIZE " + TestMessages.bytes(lunch).length);
    assertThat(flags.get(1))
        .startsWith("2 (")
        .contains("FLAGS (\\Flagged)")
        .contains("RFC822.SIZE " + TestMessages.bytes(TestMessages.MULTIPART).length);
    assertThat(ClientScripts.value(output, "subject-header")).isEqualTo("Subject: Lunch");
    assertThat(ClientScripts.value(output, "uids")).contains("1 (UID 1)", "2 (UID 2)");

    assertThat(ClientScripts.value(output, "search-all")).isEqualTo("1 2");
    assertThat(ClientScripts.value(output, "search-subject")).isEqualTo("1");
    assertThat(ClientScripts.value(output, "search-flagged")).isEqualTo("2");
    assertThat(ClientScripts.value(output, "store"))
        .startsWith("1 (FLAGS (")
        .contains("\\Seen", "$Work");
    assertThat(ClientScripts.value(output, "search-seen")).isEqualTo("1");
    assertThat(ClientScripts.value(output, "search-keyword")).isEqualTo("1");
    assertThat(ClientScripts.value(output, "expunged")).isEqualTo("2");
    assertThat(ClientScripts.value(output, "search-after-expunge")).isEqualTo("1");
    assertThat(ClientScripts.value(output, "logout")).isEqualTo("BYE");
  }
}
