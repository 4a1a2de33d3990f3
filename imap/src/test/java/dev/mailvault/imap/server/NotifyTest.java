package dev.mailvault.imap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NOTIFY (RFC 5465) between two sessions of one user on a live server: the STATUS a SET STATUS
 * sends at once, STATUS of a watched mailbox while idle and at the end of a command, LIST for
 * mailbox names, nothing for mailboxes not watched or after NOTIFY NONE, and the refusals.
 */
class NotifyTest {

  private static final String ALIAS = "hello@example.com";

  @Test
  void watchedMailboxesAreToldWhileIdleAndAfterCommands(@TempDir Path data) throws Exception {
    try (LiveImapServer server = LiveImapServer.start(data)) {
      server.addAlias(ALIAS);
      try (ScriptedImapClient watcher = ScriptedImapClient.login(server.port(), ALIAS);
          ScriptedImapClient other = ScriptedImapClient.login(server.port(), ALIAS)) {
        assertThat(watcher.ok("CAPABILITY").get(0)).contains(" NOTIFY ");
        other.ok("CREATE Watched");
        other.ok("CREATE Quiet");
        assertThat(
                watcher.ok(
                    "NOTIFY SET STATUS (MAILBOXES Watched (MessageNew MessageExpunge FlagChange))"))
            .singleElement()
            .asString()
            .matches(
                "\\* STATUS Watched \\(MESSAGES 0 UIDNEXT 1 UIDVALIDITY \\d+ HIGHESTMODSEQ \\d+\\)");
        assertThat(watcher.ok("NOTIFY SET STATUS (MAILBOXES Watched (MessageExpunge))"))
            .containsExactly("* STATUS Watched (MESSAGES 0)");
        assertThat(watcher.ok("NOTIFY SET (MAILBOXES Watched (MessageNew MessageExpunge))"))
            .isEmpty();

        watcher.idle();
        other.ok("APPEND Quiet {9+}\r\nSubject:\r\n");
        other.ok("APPEND Watched {9+}\r\nSubject:\r\n");
        String told = watcher.next();
        assertThat(told).matches("\\* STATUS Watched \\(MESSAGES 1 UIDNEXT 2 UIDVALIDITY \\d+\\)");
        assertThat(watcher.done()).isEmpty();

        // Outside IDLE the news comes with the next command's answer (RFC 5465 §5).
        other.ok("SELECT Watched");
        other.ok("STORE 1 +FLAGS (\\Deleted)");
        other.ok("EXPUNGE");
        assertThat(watcher.ok("NOOP")).containsExactly("* STATUS Watched (MESSAGES 0)");
        assertThat(watcher.ok("NOOP")).isEmpty();

        watcher.ok("NOTIFY NONE");
        other.ok("APPEND Watched {9+}\r\nSubject:\r\n");
        assertThat(watcher.ok("NOOP")).isEmpty();
      }
    }
  }

  @Test
  void mailboxNamesAndTheSelectedMailbox(@TempDir Path data) throws Exception {
    try (LiveImapServer server = LiveImapServer.start(data)) {
      server.addAlias(ALIAS);
      try (ScriptedImapClient watcher = ScriptedImapClient.login(server.port(), ALIAS);
          ScriptedImapClient other = ScriptedImapClient.login(server.port(), ALIAS)) {
        String drafts = other.ok("STATUS Drafts (UIDVALIDITY)").get(0).replaceAll("\\D", "");
        watcher.ok("SELECT INBOX");
        watcher.ok(
            "NOTIFY SET (SELECTED (MessageNew MessageExpunge FlagChange))"
                + " (PERSONAL (MessageNew MessageExpunge MailboxName SubscriptionChange))");
        other.ok("CREATE Projects");
        other.ok("SUBSCRIBE Projects");
        other.ok("RENAME Projects Archive/Projects");
        other.ok("DELETE Archive/Projects");
        other.ok("APPEND INBOX {9+}\r\nSubject:\r\n");
        other.ok("APPEND Drafts {9+}\r\nSubject:\r\n");
        // The selected mailbox is told as always (EXISTS), never by STATUS (RFC 5465 §6).
        assertThat(watcher.ok("NOOP"))
            .containsExactly(
                "* LIST () \"/\" Projects",
                "* LIST (\\Subscribed) \"/\" Projects",
                "* LIST () \"/\" Archive/Projects (\"OLDNAME\" (Projects))",
                "* LIST (\\NonExistent) \"/\" Archive/Projects",
                "* STATUS Drafts (MESSAGES 1 UIDNEXT 2 UIDVALIDITY " + drafts + ")",
                "* 1 EXISTS",
                "* 1 RECENT");
      }
    }
  }

  @Test
  void newMessagesOfTheSelectedMailboxComeWithTheirFetchItems(@TempDir Path data) throws Exception {
    try (LiveImapServer server = LiveImapServer.start(data)) {
      server.addAlias(ALIAS);
      try (ScriptedImapClient watcher = ScriptedImapClient.login(server.port(), ALIAS);
          ScriptedImapClient other = ScriptedImapClient.login(server.port(), ALIAS)) {
        watcher.ok("SELECT INBOX");
        watcher.ok("NOTIFY SET (SELECTED (MessageNew (FLAGS BODY[TEXT]) MessageExpunge))");
        watcher.idle();
        other.ok("APPEND INBOX {18+}\r\nSubject: s\r\n\r\nBody");
        assertThat(watcher.next()).isEqualTo("* 1 EXISTS");
        assertThat(watcher.next()).isEqualTo("* 1 RECENT");
        assertThat(watcher.next()).isEqualTo("* 1 FETCH (UID 1 FLAGS (\\Recent) BODY[TEXT] {4}");
        assertThat(watcher.next()).isEqualTo("Body)");
        assertThat(watcher.done()).isEmpty();
        // Told as with PEEK: the announcement set no \Seen.
        assertThat(watcher.ok("FETCH 1 FLAGS")).containsExactly("* 1 FETCH (FLAGS (\\Recent))");
      }
    }
  }

  @Test
  void unsupportedEventsAndBadGrammarAreRefused(@TempDir Path data) throws Exception {
    try (LiveImapServer server = LiveImapServer.start(data);
        ScriptedImapClient client = login(server)) {
      assertThat(client.run("NOTIFY SET (PERSONAL (MailboxMetadataChange))"))
          .last()
          .asString()
          .endsWith(
              "NO [BADEVENT (MessageNew MessageExpunge FlagChange MailboxName SubscriptionChange)]"
                  + " Event not supported");
      assertThat(client.run("NOTIFY SET (SELECTED (MailboxName))"))
          .last()
          .asString()
          .contains(" BAD ");
      assertThat(client.run("NOTIFY SET (SELECTED NONE) (SELECTED-DELAYED NONE)"))
          .last()
          .asString()
          .contains(" BAD ");
      assertThat(client.run("NOTIFY SET (INBOXES (MessageNew (UID)))"))
          .last()
          .asString()
          .contains(" BAD ");
      assertThat(client.run("NOTIFY SET (EVERYWHERE (MessageNew))"))
          .last()
          .asString()
          .contains(" BAD ");
      assertThat(client.run("NOTIFY")).last().asString().contains(" BAD ");
      assertThat(client.ok("NOTIFY SET (SELECTED-DELAYED (MessageNew (UID FLAGS) MessageExpunge))"))
          .isEmpty();
    }
  }

  private static ScriptedImapClient login(LiveImapServer server) throws Exception {
    server.addAlias(ALIAS);
    return ScriptedImapClient.login(server.port(), ALIAS);
  }
}
