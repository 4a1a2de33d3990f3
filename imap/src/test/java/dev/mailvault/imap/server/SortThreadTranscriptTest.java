package dev.mailvault.imap.server;

import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.mail.Flags;
import dev.mailvault.store.Vault;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SORT, THREAD, ESORT, PARTIAL, SEARCHRES and CONTEXT=SEARCH over a live server, on a mailbox
 * filled beforehand through the vault (the transcript's header says what it holds).
 */
class SortThreadTranscriptTest {

  private static final String ALIAS = "hello@example.com";

  private static final String[][] MESSAGES = {
    {
      "\"Zed\" <carol@x.test>",
      "bob@x.test",
      "Plans",
      "Sat, 3 Feb 2024 10:00:00 +0000",
      "<a@x.test>",
      ""
    },
    {
      "alice@x.test",
      "\"Ann\" <dave@x.test>",
      "Re: plans",
      "Sun, 4 Feb 2024 10:00:00 +0000",
      "<b@x.test>",
      "References: <a@x.test>\r\n"
    },
    {
      "bob@x.test",
      "carol@x.test",
      "[list] Budget",
      "Thu, 1 Feb 2024 10:00:00 +0000",
      "<c@x.test>",
      ""
    },
    {
      "dave@x.test",
      "alice@x.test",
      "Fwd: Re: plans",
      "Mon, 5 Feb 2024 10:00:00 +0000",
      "<d@x.test>",
      "In-Reply-To: <b@x.test>\r\n"
    },
    {"erin@x.test", "bob@x.test", "budget (fwd)", null, "<e@x.test>", ""},
  };

  @Test
  void sortAndThread(@TempDir Path data) throws Exception {
    String script;
    try (InputStream in = getClass().getResourceAsStream("/search-transcripts/sort-thread.txt")) {
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try (LiveImapServer server = LiveImapServer.start(data)) {
      server.addAlias(ALIAS);
      try (Vault vault = server.openVault(ALIAS)) {
        for (int i = 0; i < MESSAGES.length; i++) {
          String[] m = MESSAGES[i];
          String raw =
              "From: "
                  + m[0]
                  + "\r\nTo: "
                  + m[1]
                  + "\r\nSubject: "
                  + m[2]
                  + "\r\n"
                  + (m[3] == null ? "" : "Date: " + m[3] + "\r\n")
                  + "Message-ID: "
                  + m[4]
                  + "\r\n"
                  + m[5]
                  + "\r\nbody "
                  + "x".repeat(i * 10)
                  + "\r\n";
          vault.append(
              "INBOX",
              new NewMessage(
                  raw.getBytes(StandardCharsets.UTF_8),
                  Flags.NONE,
                  Instant.parse("2024-01-0" + (i + 1) + "T12:00:00Z")));
        }
      }
      TranscriptRunner.run("sort-thread.txt", script, server.port());
    }
  }
}
