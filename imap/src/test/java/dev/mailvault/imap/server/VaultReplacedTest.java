package dev.mailvault.imap.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.store.Vault;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A vault restored from a backup under live sessions: each one hears {@code * BYE [UNAVAILABLE]}
 * and is closed (RFC 9051 §7.1.5, RFC 5530 §3); a new login sees the restored mail.
 */
class VaultReplacedTest {

  @TempDir static Path data;
  private static LiveImapServer server;

  @BeforeAll
  static void startServer() throws Exception {
    server = LiveImapServer.start(data);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void sessionsOnARestoredVaultGetByeAndANewLoginSeesTheRestoredMail() throws Exception {
    String alias = "restored@example.com";
    server.addAlias(alias);
    Path copy = data.resolve("copy.sqlite");
    try (ScriptedImapClient selected = ScriptedImapClient.login(server.port(), alias);
        ScriptedImapClient idle = ScriptedImapClient.login(server.port(), alias)) {
      append(selected, "Subject: kept");
      String vaultId;
      try (Vault vault = server.openVault(alias)) {
        vaultId = vault.id();
        vault.copyTo(copy);
      }
      append(selected, "Subject: lost by the restore");
      assertThat(selected.ok("SELECT INBOX")).contains("* 2 EXISTS");
      idle.idle();

      server.vaults().replace(vaultId, copy);

      assertThat(selected.next()).startsWith("* BYE [UNAVAILABLE] ");
      assertThat(selected.next()).isEqualTo("<closed>");
      assertThat(idle.next()).startsWith("* BYE [UNAVAILABLE] ");
      assertThat(idle.next()).isEqualTo("<closed>");
    }
    try (ScriptedImapClient again = ScriptedImapClient.login(server.port(), alias)) {
      assertThat(again.ok("SELECT INBOX")).contains("* 1 EXISTS");
    }
  }

  private static void append(ScriptedImapClient client, String header) throws Exception {
    String message = header + "\r\n\r\nbody\r\n";
    client.ok("APPEND INBOX {" + message.length() + "+}\r\n" + message);
  }
}
