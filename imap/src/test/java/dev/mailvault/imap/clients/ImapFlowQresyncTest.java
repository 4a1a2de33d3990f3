package dev.mailvault.imap.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.testing.ExternalProgram;
import dev.mailvault.imap.server.LiveImapServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ImapFlow with {@code qresync: true} (issue 14): one client keeps INBOX open while another changes
 * a flag and expunges; the first hears the flag change with its MODSEQ and the expunge as VANISHED.
 * ImapFlow is installed into {@code target/imapflow-client} as for {@link ImapFlowClientTest}; the
 * test is skipped when node or npm is missing.
 */
class ImapFlowQresyncTest {

  private static final String USER = "hello@example.com";
  private static final Path CLIENT = Path.of("target", "imapflow-client").toAbsolutePath();

  @BeforeAll
  static void installImapFlow() throws Exception {
    ImapFlowClientTest.installImapFlow();
  }

  @Test
  void flagChangesAndExpungesReachTheOtherClient(@TempDir Path data, @TempDir Path work)
      throws Exception {
    Path script =
        Files.copy(
            ClientScripts.copy("imapflow_qresync.mjs", work),
            CLIENT.resolve("imapflow_qresync.mjs"),
            StandardCopyOption.REPLACE_EXISTING);
    String output;
    try (LiveImapServer server = LiveImapServer.start(data)) {
      server.addAlias(USER);
      output =
          ExternalProgram.run(
                  CLIENT,
                  Map.of(
                      "MV_PORT",
                      Integer.toString(server.port()),
                      "MV_USER",
                      USER,
                      "MV_PASS",
                      LiveImapServer.PASSWORD),
                  Duration.ofSeconds(40),
                  List.of("node", script.toString()))
              .requireSuccess()
              .output();
    }
    assertThat(ClientScripts.value(output, "enabled")).contains("QRESYNC");
    assertThat(ClientScripts.value(output, "opened-modseq")).isEqualTo("true");
    assertThat(ClientScripts.value(output, "vanished")).isEqualTo("2");
    assertThat(ClientScripts.value(output, "flags"))
        .contains("1 \\Flagged")
        .contains("modseq=true");
    assertThat(ClientScripts.value(output, "status")).isEqualTo("messages=2 raised=true");
    assertThat(ClientScripts.value(output, "done")).isEqualTo("yes");
  }
}
