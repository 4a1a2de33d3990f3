package dev.mailvault.imap.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.directory.AliasRoute;
import dev.mailvault.store.Vault;
import dev.mailvault.store.spool.SpoolItem;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3: a successful login unlocks the alias, opens its vault and drains its sealed spool into
 * INBOX, with the original arrival time as INTERNALDATE (DESIGN §5).
 */
class LoginDrainsSpoolTest {

  @Test
  void loginMovesSpooledMailIntoInboxWithItsArrivalTime(@TempDir Path data) throws Exception {
    try (LiveImapServer server = LiveImapServer.start(data)) {
      server.addAlias("hello@example.com");
      AliasRoute route =
          server.directory().findAlias(EmailAddress.parse("hello@example.com")).orElseThrow();
      Instant arrival = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
      byte[] message =
          "From: a@example.org\r\nSubject: waited in the spool\r\n\r\nHello.\r\n"
              .getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < 2; i++) {
        server
            .spool()
            .put(
                route.vaultId(),
                route.spoolPublicKey(),
                new SpoolItem(message, arrival, "a@example.org", List.of("hello@example.com")));
      }
      assertThat(server.spool().list(route.vaultId())).hasSize(2);

      List<String> lines = new ArrayList<>();
      try (Socket socket = new Socket("127.0.0.1", server.port())) {
        socket.setSoTimeout(30_000);
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        TranscriptRunner.readLine(in);
        out.write(
            ("a1 LOGIN hello@example.com \""
                    + LiveImapServer.PASSWORD
                    + "\"\r\na2 SELECT INBOX\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String line;
        do {
          line = TranscriptRunner.readLine(in);
          lines.add(line);
        } while (!line.startsWith("a2 "));
      }
      assertThat(lines).contains("* 2 EXISTS");
      assertThat(server.spool().list(route.vaultId())).isEmpty();
      try (Vault vault = server.openVault("hello@example.com")) {
        assertThat(vault.messages("INBOX", dev.mailvault.core.mail.UidSet.all()))
            .hasSize(2)
            .allSatisfy(meta -> assertThat(meta.internalDate()).isEqualTo(arrival));
      }
    }
  }
}
