package dev.mailvault.imap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OBJECTID (RFC 8474), SAVEDATE (RFC 8514) and PREVIEW (RFC 8970) over a socket to a live server
 * with a real vault: EMAILID kept by COPY and MOVE, MAILBOXID kept by RENAME and given by CREATE,
 * SELECT and STATUS, the SEARCH keys, and the preview of the first text part.
 */
class ObjectIdSaveDatePreviewTest {

  private static final String ALIAS = "hello@example.com";
  private static final String TEXT =
      "From: Ann <ann@example.org>\r\nSubject: Hi\r\nMIME-Version: 1.0\r\n"
          + "Content-Type: multipart/alternative; boundary=b\r\n\r\n"
          + "--b\r\nContent-Type: text/html\r\n\r\n<p>Not <b>this</b></p>\r\n"
          + "--b\r\nContent-Type: text/plain\r\n\r\nHi   there,\r\n\r\n  the\tpreview.\r\n--b--\r\n";

  @Test
  void objectIdsSurviveCopyMoveAndRename(@TempDir Path data) throws Exception {
    try (LiveImapServer server = LiveImapServer.start(data);
        ScriptedImapClient client = login(server)) {
      assertThat(client.ok("CAPABILITY").get(0)).contains(" OBJECTID ", " SAVEDATE ", " PREVIEW ");
      append(client, TEXT);
      append(client, "Subject: second\r\n\r\nBody\r\n");
      String kept = id("MAILBOXID", client.run("CREATE Kept").get(0));
      assertThat(kept).matches("F\\d+");

      List<String> select = client.ok("SELECT INBOX");
      String inbox = id("MAILBOXID", String.join("\n", select));
      assertThat(inbox).isNotEqualTo(kept);
      List<String> fetched = client.ok("FETCH 1:2 (EMAILID THREADID)");
      String first = id("EMAILID", fetched.get(0));
      String second = id("EMAILID", fetched.get(1));
      assertThat(first).matches("M\\d+").isNotEqualTo(second);
      assertThat(fetched.get(0)).endsWith(" THREADID NIL)");

      client.ok("COPY 1 Kept");
      client.ok("MOVE 2 Kept");
      client.ok("RENAME Kept Renamed");
      assertThat(client.ok("STATUS Renamed (MAILBOXID MESSAGES)"))
          .containsExactly("* STATUS Renamed (MAILBOXID (" + kept + ") MESSAGES 2)");
      assertThat(client.ok("STATUS INBOX (MAILBOXID)"))
          .containsExactly("* STATUS INBOX (MAILBOXID (" + inbox + "))");
      assertThat(client.ok("UID SEARCH EMAILID " + first)).containsExactly("* SEARCH 1");
      client.ok("SELECT Renamed");
      assertThat(client.ok("FETCH 1:2 EMAILID"))
          .containsExactly(
              "* 1 FETCH (EMAILID (" + first + "))", "* 2 FETCH (EMAILID (" + second + "))");
      assertThat(client.ok("SEARCH EMAILID " + second)).containsExactly("* SEARCH 2");
      assertThat(client.ok("SEARCH EMAILID M999999")).containsExactly("* SEARCH");
      assertThat(client.ok("SEARCH EMAILID not-ours")).containsExactly("* SEARCH");
      assertThat(client.ok("SEARCH THREADID T1")).containsExactly("* SEARCH");
      assertThat(client.run("SEARCH EMAILID")).last().asString().contains(" BAD ");
    }
  }

  @Test
  void saveDatesAreSetOnArrivalAndSearchable(@TempDir Path data) throws Exception {
    try (LiveImapServer server = LiveImapServer.start(data);
        ScriptedImapClient client = login(server)) {
      client.ok("APPEND INBOX \"01-Feb-2001 10:00:00 +0000\" {18+}\r\nSubject: old\r\n\r\nx");
      client.ok("SELECT INBOX");
      String answer = client.ok("FETCH 1 (INTERNALDATE SAVEDATE)").get(0);
      assertThat(answer)
          .contains("INTERNALDATE \" 1-Feb-2001 10:00:00 +0000\"")
          .matches(".*SAVEDATE \"[ \\d]\\d-[A-Z][a-z]{2}-\\d{4} \\d\\d:\\d\\d:\\d\\d \\+0000\"\\)");
      assertThat(answer).doesNotContain("SAVEDATE \" 1-Feb-2001");
      assertThat(client.ok("SEARCH SAVEDATESUPPORTED")).containsExactly("* SEARCH 1");
      assertThat(client.ok("SEARCH SAVEDSINCE 1-Jan-2002")).containsExactly("* SEARCH 1");
      assertThat(client.ok("SEARCH SAVEDBEFORE 1-Jan-2002")).containsExactly("* SEARCH");
      assertThat(client.ok("SEARCH SAVEDON 1-Feb-2001")).containsExactly("* SEARCH");
      assertThat(client.ok("SEARCH NOT SAVEDON 1-Feb-2001")).containsExactly("* SEARCH 1");
      assertThat(client.ok("SEARCH ON 1-Feb-2001")).containsExactly("* SEARCH 1");
      assertThat(client.run("SEARCH SAVEDON yesterday")).last().asString().contains(" BAD ");
    }
  }

  @Test
  void previewIsThePlainTextPartCollapsed(@TempDir Path data) throws Exception {
    try (LiveImapServer server = LiveImapServer.start(data);
        ScriptedImapClient client = login(server)) {
      append(client, TEXT);
      append(client, "Subject: no text\r\nContent-Type: image/png\r\n\r\nAAAA\r\n");
      append(
          client,
          "Subject: caf\u00e9\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nCaf\u00e9!\r\n");
      client.ok("SELECT INBOX");
      assertThat(client.ok("FETCH 1:2 (PREVIEW)"))
          .containsExactly(
              "* 1 FETCH (PREVIEW \"Hi there, the preview.\")", "* 2 FETCH (PREVIEW \"\")");
      assertThat(client.ok("UID FETCH 1 (PREVIEW (LAZY) FLAGS)"))
          .containsExactly("* 1 FETCH (UID 1 PREVIEW \"Hi there, the preview.\" FLAGS (\\Recent))");
      // Non-ASCII text goes as a literal to a session that did not enable UTF-8.
      assertThat(client.ok("FETCH 3 PREVIEW")).containsExactly("* 3 FETCH (PREVIEW {6}", "Café!)");
      assertThat(client.ok("FETCH 1 (FLAGS)")).containsExactly("* 1 FETCH (FLAGS (\\Recent))");
      assertThat(client.run("FETCH 1 (PREVIEW (FAST))")).last().asString().contains(" BAD ");
    }
  }

  private static ScriptedImapClient login(LiveImapServer server) throws Exception {
    server.addAlias(ALIAS);
    return ScriptedImapClient.login(server.port(), ALIAS);
  }

  private static void append(ScriptedImapClient client, String message) throws Exception {
    int length = message.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    client.ok("APPEND INBOX {" + length + "+}\r\n" + message);
  }

  /** The object id after {@code name (} in {@code text}. */
  private static String id(String name, String text) {
    Matcher m = Pattern.compile(name + " \\(([A-Za-z0-9_-]+)\\)").matcher(text);
    assertThat(m.find()).as("%s in %s", name, text).isTrue();
    return m.group(1);
  }
}
