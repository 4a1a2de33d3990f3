package dev.mailvault.imap.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.address.DomainName;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.SystemFlag;
import dev.mailvault.directory.AliasInfo;
import dev.mailvault.directory.QuotaLimits;
import dev.mailvault.store.Vault;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Folder commands over folders that hold mail: STATUS counters, RENAME of INBOX (RFC 9051 §6.3.6),
 * LIST-STATUS, and GETQUOTAROOT/GETQUOTA (RFC 9208) against the directory's limits. The messages
 * are put in by a second writer on the vault before the session logs in.
 */
class FolderMessagesTranscriptTest {

  private static final String ALIAS = "hello@example.com";
  private static final String LOGIN =
      """
      S? \\* OK .*
      C: a1 LOGIN hello@example.com "correct horse battery staple"
      S? a1 OK .*
      """;

  @Test
  void statusCountsAndInboxRenameMoveTheMessages(@TempDir Path data) throws Exception {
    try (LiveImapServer server = LiveImapServer.start(data)) {
      server.addAlias(ALIAS);
      long size = appendThree(server, "INBOX");
      String script =
          LOGIN
              + """
              C: a2 STATUS INBOX (MESSAGES UNSEEN DELETED UIDNEXT SIZE)
              S: * STATUS INBOX (MESSAGES 3 UNSEEN 2 DELETED 1 UIDNEXT 4 SIZE %d)
              S: a2 OK STATUS completed
              C: a3 RENAME INBOX "Old Mail"
              S: a3 OK RENAME completed
              C: a4 STATUS INBOX (MESSAGES UIDNEXT)
              S: * STATUS INBOX (MESSAGES 0 UIDNEXT 4)
              S: a4 OK STATUS completed
              C: a5 LIST "" "Old*" RETURN (STATUS (MESSAGES UNSEEN DELETED SIZE))
              S: * LIST (\\HasNoChildren) "/" "Old Mail"
              S: * STATUS "Old Mail" (MESSAGES 3 UNSEEN 2 DELETED 1 SIZE %d)
              S: a5 OK LIST completed
              C: a6 SELECT "Old Mail"
              S? \\* 3 EXISTS
              S? a6 OK .*
              """
                  .formatted(size, size);
      TranscriptRunner.run("inbox-rename", script, server.port());
    }
  }

  @Test
  void quotaRootReportsTheTightestLimitOfAliasDomainAndAccount(@TempDir Path data)
      throws Exception {
    try (LiveImapServer server = LiveImapServer.start(data)) {
      server.addAlias(ALIAS);
      // Without a limit anywhere there is no quota root (ADR 0076).
      String unlimited =
          LOGIN
              + """
              C: a2 GETQUOTAROOT Drafts
              S: * QUOTAROOT Drafts
              S: a2 OK GETQUOTAROOT completed
              C: a3 GETQUOTA ""
              S: a3 NO [NONEXISTENT] No such quota root
              """;
      TranscriptRunner.run("quota-unlimited", unlimited, server.port());

      EmailAddress address = EmailAddress.parse(ALIAS);
      server.directory().setAliasQuota(address, QuotaLimits.of(10 * 1024 * 1024, 100));
      server.directory().setDomainQuota(DomainName.parse("example.com"), QuotaLimits.messages(5));
      appendThree(server, "Sent");
      long used = usage(server, address).bytes();
      assertThat(used).isPositive();
      long usedKib = (used + 1023) / 1024;
      // The alias's 10 MiB bind storage; the domain's 5 messages (3 used) bind messages.
      String script =
          LOGIN
              + """
              C: a2 GETQUOTAROOT INBOX
              S: * QUOTAROOT INBOX ""
              S: * QUOTA "" (STORAGE %d 10240 MESSAGE 3 5)
              S: a2 OK GETQUOTAROOT completed
              C: a3 GETQUOTA ""
              S: * QUOTA "" (STORAGE %d 10240 MESSAGE 3 5)
              S: a3 OK GETQUOTA completed
              C: a4 GETQUOTA "other"
              S: a4 NO [NONEXISTENT] No such quota root
              C: a5 GETQUOTAROOT Nowhere
              S: a5 NO [NONEXISTENT] No such mailbox
              """
                  .formatted(usedKib, usedKib);
      TranscriptRunner.run("quota-limits", script, server.port());

      // The account leaves less room than the alias: 3000 bytes more than used so far.
      server.directory().setAccountQuota(QuotaLimits.bytes(used + 3000));
      String tighter =
          LOGIN
              + """
              C: a2 GETQUOTA ""
              S: * QUOTA "" (STORAGE %d %d MESSAGE 3 5)
              S: a2 OK GETQUOTA completed
              C: a3 DELETE Sent
              S: a3 OK DELETE completed
              C: a4 GETQUOTA ""
              S: * QUOTA "" (STORAGE 0 %d MESSAGE 0 5)
              S: a4 OK GETQUOTA completed
              """
                  .formatted(usedKib, (used + 3000) / 1024, (used + 3000) / 1024);
      TranscriptRunner.run("quota-account", tighter, server.port());
    }
  }

  /** Three messages: one seen, one deleted, one plain. Returns the sum of their sizes. */
  private static long appendThree(LiveImapServer server, String folder) throws Exception {
    long size = 0;
    try (Vault vault = server.openVault(ALIAS)) {
      for (int i = 0; i < 3; i++) {
        byte[] raw =
            ("From: a@example.org\r\nSubject: message " + i + "\r\n\r\nBody " + i + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        Flags flags =
            i == 0 ? Flags.of(SystemFlag.SEEN) : i == 1 ? Flags.of(SystemFlag.DELETED) : Flags.NONE;
        vault.append(folder, new NewMessage(raw, flags, Instant.now()));
        size += raw.length;
      }
    }
    return size;
  }

  private static dev.mailvault.directory.Usage usage(LiveImapServer server, EmailAddress address)
      throws Exception {
    for (AliasInfo alias : server.directory().listAliases(address.domain())) {
      if (alias.address().equals(address)) {
        return alias.usage();
      }
    }
    throw new AssertionError("alias not listed");
  }
}
