package dev.mailvault.imap.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mailvault.core.testing.ExternalProgram;
import dev.mailvault.imap.server.LiveImapServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Python's standard {@code imaplib} (python3, installed by {@code .ci/run}) appends five letters
 * and asks for them sorted by several keys and threaded by both algorithms (RFC 5256, RFC 5957),
 * through its own {@code sort()} and {@code thread()}.
 */
class ImaplibSortThreadTest {

  private static final String USER = "hello@example.com";

  @Test
  void sortAndThread(@TempDir Path data, @TempDir Path work) throws Exception {
    assumeTrue(ExternalProgram.installed("python3"), "python3 is not installed");
    String output;
    try (LiveImapServer server = LiveImapServer.start(data)) {
      server.addAlias(USER);
      Path script = ClientScripts.copy("imaplib_sort_thread.py", work);
      Path pem = TestCertificate.writePem(work);
      output =
          ExternalProgram.run(
                  work,
                  Map.of("PYTHONDONTWRITEBYTECODE", "1"),
                  Duration.ofSeconds(30),
                  List.of(
                      "python3",
                      script.toString(),
                      "localhost",
                      Integer.toString(server.port()),
                      pem.toString(),
                      USER,
                      LiveImapServer.PASSWORD))
              .requireSuccess()
              .output();
    }
    assertThat(ClientScripts.value(output, "capabilities"))
        .contains("SORT", "SORT=DISPLAY", "THREAD=REFERENCES", "THREAD=ORDEREDSUBJECT");
    // Base subjects BUDGET (3, 5) and PLANS (1, 2, 4), each run in mailbox order.
    assertThat(ClientScripts.value(output, "sort-subject")).isEqualTo("3 5 1 2 4");
    assertThat(ClientScripts.value(output, "sort-date")).isEqualTo("3 5 1 2 4");
    assertThat(ClientScripts.value(output, "sort-reverse-arrival")).isEqualTo("5 4 3 2 1");
    // Mailboxes alice, bob, carol, dave, erin.
    assertThat(ClientScripts.value(output, "sort-from")).isEqualTo("2 3 1 4 5");
    // Display names or addresses: ALICE@X.TEST, ANN, BOB@X.TEST (1 and 5), CAROL@X.TEST.
    assertThat(ClientScripts.value(output, "sort-displayto")).isEqualTo("4 2 1 5 3");
    assertThat(ClientScripts.value(output, "uid-sort-size")).isEqualTo("5 4 3 2");
    // 5 is a forward of 3's subject; 2 answers 1 and 4 answers 2.
    assertThat(ClientScripts.value(output, "thread-references")).isEqualTo("(3 5)(1 2 4)");
    assertThat(ClientScripts.value(output, "thread-orderedsubject")).isEqualTo("(3 5)(1 (2)(4))");
    assertThat(ClientScripts.value(output, "uid-thread")).isEqualTo("(3 5)");
    assertThat(ClientScripts.value(output, "bad-key")).isEqualTo("SORT command error");
  }
}
