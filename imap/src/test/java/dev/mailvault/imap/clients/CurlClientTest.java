package dev.mailvault.imap.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.testing.ExternalProgram;
import dev.mailvault.imap.server.LiveImapServer;
import dev.mailvault.store.Vault;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * curl's IMAP support (installed by {@code .ci/run}): folder listing and message fetches over
 * imap:// on loopback, imap:// with {@code --ssl-reqd} (STARTTLS), and imaps://, each verifying the
 * test certificate; and an upload (APPEND) read back.
 */
class CurlClientTest {

  private static final String USER = "hello@example.com";
  private static final String LUNCH = TestMessages.plain("Lunch", "Noon at the usual place?");

  @TempDir Path data;
  @TempDir Path work;
  private LiveImapServer server;
  private Path pem;

  @BeforeAll
  static void curlIsInstalled() {
    assumeTrue(ExternalProgram.installed("curl"), "curl is not installed");
  }

  @BeforeEach
  void startServerWithTwoMessages() throws Exception {
    server = LiveImapServer.start(data);
    server.addAlias(USER);
    try (Vault vault = server.openVault(USER)) {
      vault.append("INBOX", NewMessage.of(TestMessages.bytes(LUNCH)));
      vault.append("INBOX", NewMessage.of(TestMessages.bytes(TestMessages.MULTIPART)));
    }
    pem = TestCertificate.writePem(work);
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void listsFoldersOverPlainImapOnLoopback() throws Exception {
    String listing = curlText(imap("/"));
    assertThat(listing.lines())
        .anyMatch(line -> line.matches("\\* LIST \\(.*\\) \"/\" \"?INBOX\"?"))
        .anyMatch(line -> line.matches("\\* LIST \\(.*\\\\Sent.*\\) \"/\" \"?Sent\"?"))
        .anyMatch(line -> line.endsWith(" Archive") || line.endsWith(" \"Archive\""));
  }

  @Test
  void fetchesMessagesByUidByteForByte() throws Exception {
    assertThat(curlBytes(imap("/INBOX;UID=1"))).isEqualTo(TestMessages.bytes(LUNCH));
    assertThat(curlBytes(imap("/INBOX;UID=2")))
        .isEqualTo(TestMessages.bytes(TestMessages.MULTIPART));
  }

  @Test
  void fetchesOneBodySection() throws Exception {
    assertThat(curlText(imap("/INBOX;UID=2;SECTION=1.2"))).isEqualTo("<p>Numbers are up.</p>");
  }

  @Test
  void starttlsIsRequiredAndVerified() throws Exception {
    assertThat(curlBytes("--ssl-reqd", imap("/INBOX;UID=1"))).isEqualTo(TestMessages.bytes(LUNCH));
    assertThat(curlText("--ssl-reqd", imap("/"))).contains("INBOX");
  }

  @Test
  void implicitTlsListsAndFetches() throws Exception {
    String base = "imaps://localhost:" + server.tlsPort();
    assertThat(curlBytes(base + "/INBOX;UID=2"))
        .isEqualTo(TestMessages.bytes(TestMessages.MULTIPART));
    assertThat(curlText(base + "/")).contains("INBOX");
  }

  @Test
  void uploadIsAppendedAndReadBack() throws Exception {
    String note = TestMessages.plain("Uploaded", "sent with curl -T");
    Path file = work.resolve("upload.eml");
    Files.write(file, TestMessages.bytes(note));
    curlBytes("-T", file.toString(), imap("/Drafts"));
    assertThat(curlBytes(imap("/Drafts;UID=1"))).isEqualTo(TestMessages.bytes(note));
  }

  @Test
  void aWrongPasswordIsRefused() throws Exception {
    ExternalProgram.Result result =
        ExternalProgram.run(
            work,
            Map.of(),
            Duration.ofSeconds(20),
            List.of(
                "curl",
                "-sS",
                "--max-time",
                "15",
                "-u",
                USER + ":wrong",
                "--cacert",
                pem.toString(),
                imap("/")));
    // curl's exit code 67: "The user name, password, or similar was not accepted".
    assertThat(result.exitCode()).as(result.output()).isEqualTo(67);
  }

  private String imap(String path) {
    return "imap://localhost:" + server.port() + path;
  }

  private String curlText(String... arguments) throws Exception {
    return new String(curlBytes(arguments), StandardCharsets.UTF_8);
  }

  private byte[] curlBytes(String... arguments) throws Exception {
    Path out = Files.createTempFile(work, "curl", ".out");
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            "curl",
            "-sS",
            "--max-time",
            "15",
            "-u",
            USER + ":" + LiveImapServer.PASSWORD,
            "--cacert",
            pem.toString(),
            "-o",
            out.toString()));
    command.addAll(List.of(arguments));
    ExternalProgram.run(work, Map.of(), Duration.ofSeconds(20), command).requireSuccess();
    return Files.readAllBytes(out);
  }
}
