package dev.mailvault.imap.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.directory.QuotaLimits;
import dev.mailvault.imap.session.ImapLimits;
import dev.mailvault.store.Vault;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * APPEND at its limits, over real sockets: quota (OVERQUOTA, RFC 9208 §5.3), APPENDLIMIT (TOOBIG,
 * RFC 7889), NUL in a literal (RFC 9051 §4.3) versus a literal8 (RFC 3516 §4.4), empty messages.
 */
class AppendLimitsTest {

  private static final String ALIAS = "hello@example.com";

  @Test
  void overQuotaTranscript(@TempDir Path data) throws Exception {
    try (LiveImapServer server = LiveImapServer.start(data)) {
      server.addAlias(ALIAS);
      server.directory().setAliasQuota(EmailAddress.parse(ALIAS), QuotaLimits.of(1_000_000, 3));
      String script;
      try (InputStream in =
          getClass().getResourceAsStream("/transcripts-quota/250-overquota.txt")) {
        script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      TranscriptRunner.run("250-overquota.txt", script, server.port());
    }
  }

  @Test
  void literalsOverTheLimitAreRefusedAndAnUnaskedOneClosesTheConnection(@TempDir Path data)
      throws Exception {
    ImapLimits small =
        new ImapLimits(
            64 * 1024,
            100,
            ImapLimits.DEFAULTS.idleLogout(),
            ImapLimits.DEFAULTS.idleKeepAlive(),
            ImapLimits.DEFAULTS.maxIdle(),
            ImapLimits.DEFAULTS.connectionsPerIp(),
            false);
    String big = "Subject: " + "x".repeat(200);
    try (LiveImapServer server = LiveImapServer.start(data, small)) {
      server.addAlias(ALIAS);
      try (ScriptedImapClient client = ScriptedImapClient.login(server.port(), ALIAS)) {
        assertThat(client.run("CAPABILITY").get(0)).contains(" APPENDLIMIT=100");
        // RFC 7889 §4: a synchronising literal over the limit is refused instead of the
        // continuation.
        String tag = client.nextTag();
        assertThat(client.run("APPEND INBOX {" + big.length() + "}"))
            .containsExactly(tag + " NO [TOOBIG] Literal too large");
        String fits = "Subject: " + "y".repeat(80);
        String literal = " {" + fits.length() + "+}\r\n" + fits;
        tag = client.nextTag();
        assertThat(client.run("APPEND INBOX" + literal))
            .singleElement()
            .asString()
            .matches(tag + " OK \\[APPENDUID \\d+ 1\\] APPEND completed");
      }
      // RFC 7888 §4: a LITERAL+ literal over the limit is refused at its announcement and the
      // connection closed; its bytes are never read as commands (ADR 0167). MULTIAPPEND: each
      // message fits, all of them together do not.
      String fits = "Subject: " + "y".repeat(80);
      String literal = " {" + fits.length() + "+}\r\n" + fits;
      for (String refused :
          List.of(
              "APPEND INBOX {" + big.length() + "+}",
              "APPEND INBOX" + literal.repeat(2) + " {" + fits.length() + "+}")) {
        try (ScriptedImapClient client = ScriptedImapClient.login(server.port(), ALIAS)) {
          String tag = client.nextTag();
          assertThat(client.run(refused))
              .containsExactly(
                  "* BYE Literal too large; closing the connection",
                  tag + " BAD [TOOBIG] Literal too large");
        }
      }
    }
  }

  @Test
  void nulNeedsALiteral8WhichIsStoredByteExact(@TempDir Path data) throws Exception {
    try (LiveImapServer server = LiveImapServer.start(data)) {
      server.addAlias(ALIAS);
      byte[] message = bytes("Subject: bin\r\nContent-Transfer-Encoding: binary\r\n\r\na\0b\r\n");
      try (ScriptedImapClient client = ScriptedImapClient.login(server.port(), ALIAS)) {
        String tag = client.nextTag();
        client.send(concat(bytes(tag + " APPEND INBOX {" + message.length + "+}\r\n"), message));
        client.send("\r\n");
        assertThat(client.next()).startsWith(tag + " BAD");

        tag = client.nextTag();
        client.send(concat(bytes(tag + " APPEND INBOX ~{" + message.length + "+}\r\n"), message));
        client.send("\r\n");
        assertThat(client.next()).matches(tag + " OK \\[APPENDUID \\d+ 1\\] APPEND completed");

        assertThat(client.run("APPEND INBOX {0+}\r\n")).last().asString().contains("NO");
        assertThat(client.run("NOOP")).last().asString().contains("OK");
      }
      try (Vault vault = server.openVault(ALIAS)) {
        assertThat(vault.uids("INBOX")).containsExactly(1L);
        assertThat(vault.fetch("INBOX", 1)).isEqualTo(message);
        assertThat(vault.messages("INBOX", UidSet.all())).hasSize(1);
      }
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] concat(byte[] first, byte[] second) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(first);
    out.writeBytes(second);
    return out.toByteArray();
  }
}
