package dev.mailvault.imap.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mailvault.core.testing.ExternalProgram;
import dev.mailvault.imap.server.LiveImapServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ImapFlow, the npm IMAP client, on Node: listing with special-use, APPEND, STATUS, FETCH of
 * envelope/flags/structure/source, part downloads, flags, SEARCH, COPY, MOVE, delete and IDLE with
 * a second connection appending. It is installed once into {@code target/imapflow-client} from the
 * npm registry; the test is skipped only when node or npm is missing.
 */
class ImapFlowClientTest {

  private static final String USER = "hello@example.com";
  private static final String IMAPFLOW = "imapflow@2.10.2";
  private static final Path CLIENT = Path.of("target", "imapflow-client").toAbsolutePath();

  @BeforeAll
  static void installImapFlow() throws Exception {
    assumeTrue(ExternalProgram.installed("node"), "node is not installed");
    assumeTrue(ExternalProgram.installed("npm"), "npm is not installed");
    if (!Files.exists(CLIENT.resolve("node_modules/imapflow/package.json"))) {
      Files.createDirectories(CLIENT);
      Files.writeString(
          CLIENT.resolve("package.json"), "{\"private\": true, \"name\": \"imapflow-client\"}\n");
      ExternalProgram.run(
              CLIENT,
              Map.of(),
              Duration.ofMinutes(3),
              List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error", IMAPFLOW))
          .requireSuccess();
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"starttls", "tls"})
  void fullSession(String mode, @TempDir Path data, @TempDir Path work) throws Exception {
    String lunch = TestMessages.plain("Lunch", "Noon at the usual place?");
    Files.write(work.resolve("message-1.eml"), TestMessages.bytes(lunch));
    Files.write(work.resolve("message-2.eml"), TestMessages.bytes(TestMessages.MULTIPART));
    Path script =
        Files.copy(
            ClientScripts.copy("imapflow_session.mjs", work),
            CLIENT.resolve("imapflow_session.mjs"),
            StandardCopyOption.REPLACE_EXISTING);

    String output;
    try (LiveImapServer server = LiveImapServer.start(data)) {
      server.addAlias(USER);
      Path pem = TestCertificate.writePem(work);
      int port = mode.equals("tls") ? server.tlsPort() : server.port();
      output =
          ExternalProgram.run(
                  CLIENT,
                  Map.of(
                      "MV_MODE",
                      mode,
                      "MV_PORT",
                      Integer.toString(port),
                      "MV_USER",
                      USER,
                      "MV_PASS",
                      LiveImapServer.PASSWORD,
                      "MV_CA",
                      pem.toString(),
                      "MV_WORKDIR",
                      work.toString()),
                  Duration.ofSeconds(40),
                  List.of("node", script.toString()))
              .requireSuccess()
              .output();
    }

    assertThat(ClientScripts.value(output, "secure")).isEqualTo("true");
    assertThat(ClientScripts.value(output, "capabilities")).contains("IDLE", "IMAP4rev1");
    assertThat(ClientScripts.value(output, "folders").split(","))
        .contains("INBOX", "Sent", "Drafts", "Trash", "Archive");
    assertThat(ClientScripts.value(output, "sent")).isEqualTo("Sent");
    assertThat(ClientScripts.value(output, "appended")).isEqualTo("1 2");
    assertThat(ClientScripts.value(output, "status")).isEqualTo("messages=2 unseen=1 uidNext=3");
    assertThat(ClientScripts.value(output, "exists")).isEqualTo("2");

    assertThat(Files.readAllBytes(work.resolve("fetched-1.eml")))
        .isEqualTo(TestMessages.bytes(lunch));
    assertThat(Files.readAllBytes(work.resolve("fetched-2.eml")))
        .isEqualTo(TestMessages.bytes(TestMessages.MULTIPART));
    assertThat(ClientScripts.value(output, "subject-1")).isEqualTo("Lunch");
    assertThat(ClientScripts.value(output, "subject-2")).isEqualTo("Quarterly report");
    assertThat(ClientScripts.value(output, "from-2")).isEqualTo("Bob Sender <bob@example.net>");
    assertThat(ClientScripts.value(output, "to-2"))
        .isEqualTo("hello@example.com, carol@example.org");
    // The client speaks IMAP4rev1 and is the first session to see both: \Recent (RFC 3501 §2.3.2).
    assertThat(ClientScripts.value(output, "flags-1")).isEqualTo("\\Recent \\Seen");
    assertThat(ClientScripts.value(output, "flags-2")).isEqualTo("\\Recent");
    assertThat(ClientScripts.value(output, "size-2"))
        .isEqualTo(Integer.toString(TestMessages.bytes(TestMessages.MULTIPART).length));
    assertThat(ClientScripts.value(output, "type-1")).isEqualTo("text/plain");
    assertThat(ClientScripts.value(output, "type-2")).isEqualTo("multipart/mixed");
    assertThat(ClientScripts.value(output, "parts-2"))
        .isEqualTo("1=multipart/alternative 2=image/png");
    assertThat(ClientScripts.value(output, "internaldate")).isEqualTo("2025-03-05T10:00:00.000Z");
    assertThat(ClientScripts.value(output, "html")).isEqualTo("<p>Numbers are up.</p>");
    assertThat(Files.readAllBytes(work.resolve("attachment.bin")))
        .isEqualTo(Base64.getDecoder().decode(TestMessages.ATTACHMENT_BASE64));

    assertThat(ClientScripts.value(output, "unseen")).isEqualTo("2");
    assertThat(ClientScripts.value(output, "flagged")).isEqualTo("2");
    assertThat(ClientScripts.value(output, "subject-search")).isEqualTo("2");
    assertThat(ClientScripts.value(output, "copied")).isEqualTo("Archive 1>1");
    assertThat(ClientScripts.value(output, "moved")).isEqualTo("Trash 2>1");
    assertThat(ClientScripts.value(output, "after-move")).isEqualTo("1");
    assertThat(ClientScripts.value(output, "after-delete")).isEqualTo("0");
    assertThat(ClientScripts.value(output, "idle-exists")).isEqualTo("1");
    assertThat(ClientScripts.value(output, "done")).isEqualTo("yes");
  }
}
