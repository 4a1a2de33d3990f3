package dev.mailvault.imap.server;

import static dev.mailvault.imap.server.MultiSessionTest.append;
import static dev.mailvault.imap.server.MultiSessionTest.noopUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CONDSTORE and QRESYNC (RFC 7162) over real connections, as transcripts. A fresh INBOX has
 * HIGHESTMODSEQ 1 and each change takes the next value, so the mod-sequences below are exact.
 */
class CondstoreQresyncTest {

  @TempDir static Path data;
  private static LiveImapServer server;
  private static final AtomicInteger ALIASES = new AtomicInteger();
  private String alias;

  @BeforeAll
  static void startServer() throws Exception {
    server = LiveImapServer.start(data);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void newAlias() throws Exception {
    alias = "sync" + ALIASES.incrementAndGet() + "@example.com";
    server.addAlias(alias);
  }

  /** The lines with the tag of the tagged answer taken off. */
  private static List<String> untagged(List<String> lines) {
    return lines.stream().map(line -> line.replaceFirst("^t\\d+ ", "")).toList();
  }

  /** Three messages, UIDs 1 to 3, MODSEQ 2 to 4; HIGHESTMODSEQ 4. */
  private void threeMessages(ScriptedImapClient client) throws Exception {
    for (int i = 1; i <= 3; i++) {
      append(client, "INBOX", "Subject: m" + i + "\r\n\r\nbody\r\n");
    }
  }

  @Test
  void condstoreIsAdvertisedAndEnabledByItsCommands() throws Exception {
    try (ScriptedImapClient a = ScriptedImapClient.login(server.port(), alias)) {
      assertThat(a.ok("CAPABILITY").get(0)).contains(" CONDSTORE", " QRESYNC");
      threeMessages(a);
      // RFC 7162 §3.1.2.1: every SELECT tells HIGHESTMODSEQ; no folder is NOMODSEQ.
      assertThat(a.ok("SELECT INBOX")).contains("* OK [HIGHESTMODSEQ 4] Highest");
      // Before CONDSTORE is enabled, STORE answers as RFC 9051 does.
      assertThat(a.ok("STORE 1 +FLAGS (\\Seen)"))
          .containsExactly("* 1 FETCH (FLAGS (\\Recent \\Seen))");
      // RFC 7162 §3.1: the first enabling command with a folder selected tells HIGHESTMODSEQ.
      assertThat(a.ok("FETCH 1 (MODSEQ)"))
          .containsExactly("* OK [HIGHESTMODSEQ 5] Highest", "* 1 FETCH (MODSEQ (5))");
      assertThat(a.ok("STORE 2 +FLAGS (\\Flagged)"))
          .containsExactly("* 2 FETCH (FLAGS (\\Recent \\Flagged) MODSEQ (6))");
      // A STORE that changes nothing gives no new mod-sequence.
      assertThat(a.ok("STORE 2 +FLAGS (\\Flagged)")).isEmpty();
      assertThat(a.ok("FETCH 1:3 (MODSEQ)"))
          .containsExactly(
              "* 1 FETCH (MODSEQ (5))", "* 2 FETCH (MODSEQ (6))", "* 3 FETCH (MODSEQ (4))");
      assertThat(a.ok("STATUS INBOX (HIGHESTMODSEQ)"))
          .containsExactly("* STATUS INBOX (HIGHESTMODSEQ 6)");
    }
  }

  @Test
  void changedSinceUnchangedSinceAndSearchModseq() throws Exception {
    try (ScriptedImapClient a = ScriptedImapClient.login(server.port(), alias)) {
      threeMessages(a);
      assertThat(a.ok("SELECT INBOX (CONDSTORE)")).contains("* OK [HIGHESTMODSEQ 4] Highest");
      assertThat(a.ok("UID STORE 2 +FLAGS.SILENT (\\Answered)"))
          .containsExactly("* 2 FETCH (UID 2 MODSEQ (5))");
      // RFC 7162 §3.1.4.1: CHANGEDSINCE names only messages with a higher MODSEQ.
      assertThat(a.ok("FETCH 1:* (FLAGS) (CHANGEDSINCE 3)"))
          .containsExactly(
              "* 2 FETCH (FLAGS (\\Answered \\Recent) MODSEQ (5))",
              "* 3 FETCH (FLAGS (\\Recent) MODSEQ (4))");
      // RFC 7162 §3.1.3: message 2 changed after 4, so it is left alone and named in MODIFIED.
      assertThat(untagged(a.run("STORE 1:3 (UNCHANGEDSINCE 4) +FLAGS (\\Deleted)")))
          .containsExactly(
              "* 1 FETCH (FLAGS (\\Recent \\Deleted) MODSEQ (6))",
              "* 3 FETCH (FLAGS (\\Recent \\Deleted) MODSEQ (6))",
              "OK [MODIFIED 2] STORE completed");
      assertThat(untagged(a.run("UID STORE 1:3 (UNCHANGEDSINCE 0) -FLAGS (\\Deleted)")))
          .containsExactly("OK [MODIFIED 1:3] STORE completed");
      // RFC 7162 §3.1.5: SEARCH MODSEQ ends with the highest MODSEQ of what it returns.
      assertThat(a.ok("SEARCH MODSEQ 5")).containsExactly("* SEARCH 1 2 3 (MODSEQ 6)");
      assertThat(a.ok("SEARCH MODSEQ \"/flags/\\\\deleted\" all 6"))
          .containsExactly("* SEARCH 1 3 (MODSEQ 6)");
      assertThat(a.ok("SEARCH RETURN (MIN) MODSEQ 5").get(0)).endsWith(") MIN 1 MODSEQ 6");
      assertThat(a.ok("SEARCH MODSEQ 7")).containsExactly("* SEARCH");
    }
  }

  @Test
  void qresyncSelectTellsVanishedAndChangedFlags() throws Exception {
    try (ScriptedImapClient a = ScriptedImapClient.login(server.port(), alias);
        ScriptedImapClient b = ScriptedImapClient.login(server.port(), alias)) {
      threeMessages(a);
      assertThat(a.ok("ENABLE QRESYNC")).containsExactly("* ENABLED QRESYNC");
      // RFC 7162 §3.2.5: the QRESYNC parameter needs ENABLE QRESYNC first.
      assertThat(untagged(b.run("SELECT INBOX (QRESYNC (1 1))")).get(0)).startsWith("BAD");
      String uidValidity =
          a.ok("SELECT INBOX").stream()
              .filter(line -> line.contains("UIDVALIDITY"))
              .findFirst()
              .orElseThrow()
              .replaceAll("\\D", "");

      b.ok("SELECT INBOX");
      b.ok("STORE 2 +FLAGS (\\Deleted $Done)");
      b.ok("EXPUNGE");
      b.ok("STORE 2 +FLAGS (\\Flagged)");
      // RFC 7162 §3.2.10: once QRESYNC is enabled, VANISHED replaces EXPUNGE, and unsolicited
      // FETCH responses carry MODSEQ.
      assertThat(noopUntil(a, seen -> seen.stream().anyMatch(l -> l.contains("Flagged"))))
          .containsSubsequence(
              "* VANISHED 2", "* 2 FETCH (UID 3 FLAGS (\\Recent \\Flagged) MODSEQ (7))");

      // RFC 7162 §3.2.11: switching folders says CLOSED before the new folder's responses.
      assertThat(a.ok("SELECT INBOX (QRESYNC (" + uidValidity + " 4))"))
          .containsSubsequence(
              "* OK [CLOSED] Previous mailbox closed",
              "* OK [HIGHESTMODSEQ 7] Highest",
              "* VANISHED (EARLIER) 2",
              "* 2 FETCH (UID 3 FLAGS (\\Flagged) MODSEQ (7))");
      // Known UIDs narrow VANISHED (EARLIER); a stale UIDVALIDITY gets a plain SELECT.
      assertThat(a.ok("EXAMINE INBOX (QRESYNC (" + uidValidity + " 4 1,3))"))
          .noneMatch(line -> line.startsWith("* VANISHED"));
      assertThat(a.ok("EXAMINE INBOX (QRESYNC (" + (Long.parseLong(uidValidity) + 1) + " 4))"))
          .noneMatch(line -> line.startsWith("* VANISHED") || line.contains("MODSEQ ("));
      // RFC 7162 §3.2.6: UID FETCH (CHANGEDSINCE n VANISHED).
      assertThat(a.ok("UID FETCH 1:* (FLAGS) (CHANGEDSINCE 4 VANISHED)"))
          .containsExactly(
              "* VANISHED (EARLIER) 2", "* 2 FETCH (UID 3 FLAGS (\\Flagged) MODSEQ (7))");
    }
  }

  @Test
  void vanishedDuringIdleAndAfterOwnExpungeAndMove() throws Exception {
    try (ScriptedImapClient a = ScriptedImapClient.login(server.port(), alias);
        ScriptedImapClient b = ScriptedImapClient.login(server.port(), alias)) {
      threeMessages(a);
      a.ok("ENABLE QRESYNC");
      a.ok("SELECT INBOX");
      b.ok("SELECT INBOX");
      a.idle();
      b.ok("UID STORE 1 +FLAGS.SILENT (\\Deleted)");
      b.ok("UID EXPUNGE 1");
      String heard = a.next();
      if (heard.contains("FETCH")) {
        heard = a.next();
      }
      assertThat(heard).isEqualTo("* VANISHED 1");
      a.done();
      // Its own MOVE and EXPUNGE: VANISHED, and the tagged OK names HIGHESTMODSEQ.
      a.ok("CREATE Later");
      assertThat(untagged(a.run("UID MOVE 2 Later")))
          .containsSubsequence("* VANISHED 2", "OK [HIGHESTMODSEQ 7] MOVE completed");
      a.ok("STORE 1 +FLAGS.SILENT (\\Deleted)");
      assertThat(untagged(a.run("EXPUNGE")))
          .containsExactly("* VANISHED 3", "OK [HIGHESTMODSEQ 9] EXPUNGE completed");
    }
  }

  @Test
  void aFetchPastAnUntoldExpungeNamesTheHighestModseqTheClientWasToldThrough() throws Exception {
    try (ScriptedImapClient a = ScriptedImapClient.login(server.port(), alias);
        ScriptedImapClient b = ScriptedImapClient.login(server.port(), alias)) {
      threeMessages(a);
      a.ok("ENABLE QRESYNC");
      a.ok("SELECT INBOX");
      b.ok("SELECT INBOX");
      b.ok("UID STORE 1 +FLAGS.SILENT (\\Deleted)");
      b.ok("UID EXPUNGE 1");
      b.ok("UID STORE 2 +FLAGS.SILENT (\\Seen)");
      // A plain FETCH may not tell the expunge (modseq 6) but reads UID 2 at modseq 7: its tagged
      // OK says the client was told everything only through 4, so a client that caches its view
      // and resyncs from there still hears of the expunge (RFC 7162 §3.2, erratum 1810).
      assertThat(untagged(a.run("FETCH 2 (FLAGS MODSEQ)")))
          .containsExactly(
              "* 2 FETCH (FLAGS (\\Seen \\Recent) MODSEQ (7) UID 2)",
              "OK [HIGHESTMODSEQ 4] FETCH completed");
      assertThat(untagged(a.run("NOOP")))
          .containsSubsequence("* VANISHED 1", "OK NOOP completed")
          .doesNotContain("OK [HIGHESTMODSEQ 4] NOOP completed");
    }
  }
}
