package dev.mailvault.imap.server;

import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.mail.Flags;
import dev.mailvault.imap.session.ImapLimits;
import dev.mailvault.store.Vault;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * APPEND with CATENATE (RFC 4469) over a socket to a live server with a real vault: TEXT and URL
 * parts joined byte for byte, MULTIAPPEND of catenated messages, and the refusals: BADURL for a URL
 * naming no message of this user, TRYCREATE before any URL is looked at, TOOBIG past the limit.
 */
class CatenateTranscriptTest {

  private static final String ALIAS = "hello@example.com";
  private static final String FIRST = "From: a@example.org\r\nSubject: first\r\n\r\nBody one\r\n";
  private static final String LOGIN =
      """
      S? \\* OK .*
      C: a1 LOGIN hello@example.com "correct horse battery staple"
      S? a1 OK .*
      """;

  @Test
  void urlAndTextPartsAreJoinedByteForByte(@TempDir Path data) throws Exception {
    try (LiveImapServer server = LiveImapServer.start(data)) {
      server.addAlias(ALIAS);
      long uidValidity = storeFirst(server);
      String script =
          LOGIN
              + """
              C: a2 CAPABILITY
              S~ \\* CAPABILITY .* MULTIAPPEND CATENATE .*
              S? a2 OK .*
              C: a3 APPEND Drafts (\\Seen) CATENATE (URL "/INBOX;UIDVALIDITY=%d/;UID=1/;SECTION=HEADER" TEXT {10+}
              C: New body
              C: )
              S~ a3 OK \\[APPENDUID \\d+ 1\\] APPEND completed
              C: a4 APPEND Drafts CATENATE (TEXT {15+}
              C: Subject: part
              C:  URL "imap://hello@example.com@mail.example.com/INBOX/;uid=1/;section=1/;partial=5.3") CATENATE (URL "/INBOX/;UID=1")
              S~ a4 OK \\[APPENDUID \\d+ 2:3\\] APPEND completed
              C: a5 SELECT Drafts
              S? a5 OK .*
              C: a6 FETCH 1:3 (FLAGS BODY.PEEK[])
              S: * 1 FETCH (FLAGS (\\Seen \\Recent) BODY[] {49}
              S: From: a@example.org
              S: Subject: first
              S:\s
              S: New body
              S: )
              S: * 2 FETCH (FLAGS (\\Recent) BODY[] {18}
              S: Subject: part
              S: one)
              S: * 3 FETCH (FLAGS (\\Recent) BODY[] {49}
              S: From: a@example.org
              S: Subject: first
              S:\s
              S: Body one
              S: )
              S: a6 OK FETCH completed
              C: a7 FETCH 1 (FLAGS)
              S: * 1 FETCH (FLAGS (\\Seen \\Recent))
              S: a7 OK FETCH completed
              """
                  .formatted(uidValidity);
      TranscriptRunner.run("catenate", script, server.port());
    }
  }

  @Test
  void urlsThatNameNothingOfThisUserAreRefusedWithBadUrl(@TempDir Path data) throws Exception {
    try (LiveImapServer server = LiveImapServer.start(data)) {
      server.addAlias(ALIAS);
      long uidValidity = storeFirst(server);
      String script =
          LOGIN
              + """
              C: a2 APPEND Drafts CATENATE (URL "/INBOX;UIDVALIDITY=%d/;UID=1")
              S: a2 NO [BADURL /INBOX;UIDVALIDITY=%d/;UID=1] Bad URL: the URL's UIDVALIDITY is not the mailbox's
              C: a3 APPEND Drafts CATENATE (TEXT {3+}
              C: x
              C:  URL "/INBOX/;UID=9")
              S: a3 NO [BADURL /INBOX/;UID=9] Bad URL: the URL names no message
              C: a4 APPEND Drafts CATENATE (URL "/Nowhere/;UID=1")
              S~ a4 NO \\[BADURL /Nowhere/;UID=1\\] .*
              C: a5 APPEND Drafts CATENATE (URL "imap://other@example.com@mail.example.com/INBOX/;UID=1")
              S~ a5 NO \\[BADURL .*\\] Bad URL: the URL names another user
              C: a6 APPEND Drafts CATENATE (URL "imap://mail.example.com/INBOX/;UID=1")
              S~ a6 NO \\[BADURL .*\\] Bad URL: the URL names no user
              C: a7 APPEND Drafts CATENATE (URL "/INBOX/;UID=1/;URLAUTH=anonymous:internal:0123")
              S~ a7 NO \\[BADURL .*\\] .*
              C: a8 APPEND Drafts CATENATE (URL "/INBOX/;UID=1/;SECTION=1.FOO")
              S~ a8 NO \\[BADURL .*\\] Bad URL: bad section in the URL
              C: a9 APPEND Nowhere CATENATE (URL "/INBOX;UIDVALIDITY=%d/;UID=1")
              S~ a9 NO \\[TRYCREATE\\] .*
              C: b1 APPEND Drafts CATENATE (URL "/INBOX/;UID=1") CATENATE (URL "/INBOX/;UID=2")
              S~ b1 NO \\[BADURL /INBOX/;UID=2\\] .*
              C: b2 APPEND Drafts CATENATE ()
              S~ b2 BAD .*
              C: b3 STATUS Drafts (MESSAGES)
              S: * STATUS Drafts (MESSAGES 0)
              S: b3 OK STATUS completed
              """
                  .formatted(uidValidity + 1, uidValidity + 1, uidValidity + 1);
      TranscriptRunner.run("catenate-badurl", script, server.port());
    }
  }

  @Test
  void aResultOverTheLimitIsTooBig(@TempDir Path data) throws Exception {
    ImapLimits small =
        new ImapLimits(
            64 * 1024,
            FIRST.length() + 10,
            Duration.ofMinutes(30),
            Duration.ofMinutes(2),
            Duration.ofMinutes(29),
            50,
            true);
    try (LiveImapServer server = LiveImapServer.start(data, small)) {
      server.addAlias(ALIAS);
      storeFirst(server);
      String script =
          LOGIN
              + """
              C: a2 APPEND Drafts CATENATE (URL "/INBOX/;UID=1" TEXT {11+}
              C: too large
              C: )
              S: a2 NO [TOOBIG] Message larger than APPENDLIMIT
              C: a3 APPEND Drafts CATENATE (URL "/INBOX/;UID=1" TEXT {7+}
              C: fits.
              C: )
              S~ a3 OK \\[APPENDUID \\d+ 1\\] APPEND completed
              """;
      TranscriptRunner.run("catenate-toobig", script, server.port());
    }
  }

  private static long storeFirst(LiveImapServer server) throws Exception {
    try (Vault vault = server.openVault(ALIAS)) {
      vault.append(
          "INBOX",
          new NewMessage(FIRST.getBytes(StandardCharsets.US_ASCII), Flags.NONE, Instant.EPOCH));
      return vault.folder("INBOX").uidValidity();
    }
  }
}
