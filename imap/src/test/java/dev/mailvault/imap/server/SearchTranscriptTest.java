package dev.mailvault.imap.server;

import dev.mailvault.core.access.FlagUpdate;
import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.SystemFlag;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.store.Vault;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SEARCH and UID SEARCH over a live server, on a mailbox filled beforehand through the vault. */
class SearchTranscriptTest {

  private static final String ALIAS = "hello@example.com";

  @Test
  void search(@TempDir Path data) throws Exception {
    String script;
    try (InputStream in = getClass().getResourceAsStream("/search-transcripts/search.txt")) {
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try (LiveImapServer server = LiveImapServer.start(data)) {
      server.addAlias(ALIAS);
      try (Vault vault = server.openVault(ALIAS)) {
        fill(vault);
      }
      TranscriptRunner.run("search.txt", script, server.port());
    }
  }

  @Test
  void regex(@TempDir Path data) throws Exception {
    String script;
    try (InputStream in = getClass().getResourceAsStream("/search-transcripts/regex.txt")) {
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    // A pattern one character over the bound: refused before any message is read.
    script =
        script.replace(
            "C: r13 LOGOUT",
            "C: r12b SEARCH X-REGEX SUBJECT \""
                + "a".repeat(1001)
                + "\"\nS: r12b BAD X-REGEX pattern longer than 1000 characters\nC: r13 LOGOUT");
    try (LiveImapServer server = LiveImapServer.start(data)) {
      server.addAlias(ALIAS);
      try (Vault vault = server.openVault(ALIAS)) {
        fill(vault);
      }
      TranscriptRunner.run("regex.txt", script, server.port());
    }
  }

  private static void fill(Vault vault) throws Exception {
    String[] subjects = {"=?UTF-8?Q?Caf=C3=A9_menu?=", "Report", "café au lait", "Budget", "Lunch"};
    for (int i = 0; i < subjects.length; i++) {
      String body = i == 4 ? "x".repeat(20_000) : "line 1\r\nline " + (i + 1) + "\r\n";
      String raw =
          "From: Alice <alice@example.org>\r\n"
              + "Subject: "
              + subjects[i]
              + "\r\n"
              + (i == 3 ? "X-Mood: very happy\r\n" : "")
              + "Content-Type: text/plain; charset=utf-8\r\n\r\n"
              + body;
      vault.append(
          "INBOX",
          new NewMessage(
              raw.getBytes(StandardCharsets.UTF_8),
              Flags.NONE,
              Instant.parse("2024-01-0" + (i + 1) + "T12:00:00Z")));
    }
    vault.storeFlags("INBOX", UidSet.of(1, 4), FlagUpdate.add(Flags.of(SystemFlag.SEEN)));
    vault.storeFlags("INBOX", UidSet.of(4), FlagUpdate.add(Flags.of(SystemFlag.FLAGGED)));
    vault.storeFlags("INBOX", UidSet.of(5), FlagUpdate.add(Flags.NONE.withKeywords("$Work")));
  }
}
