package dev.mailvault.pop3.handler;

import dev.mailvault.core.access.FlagUpdate;
import dev.mailvault.core.access.MailboxAccess;
import dev.mailvault.core.crypto.RandomIds;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.SystemFlag;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.pop3.codec.Pop3Command;
import dev.mailvault.pop3.codec.Responses;
import dev.mailvault.pop3.session.Maildrop;
import dev.mailvault.pop3.session.Pop3Failure;
import dev.mailvault.pop3.session.Pop3Session;
import dev.mailvault.pop3.session.Pop3State;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** CAPA (RFC 2449 §5), UTF8 (RFC 6856 §3) and QUIT with the UPDATE state (RFC 1939 §6). */
final class SessionCommands {

  private static final Logger LOG = LoggerFactory.getLogger(SessionCommands.class);

  private SessionCommands() {}

  static void capa(Pop3Command.Capa command, Pop3Session session) {
    session
        .transport()
        .write(
            Responses.multiLine(Responses.ok("Capability list follows"), session.capabilities()));
  }

  /** RFC 6856 §3: arguments are UTF-8 from now on (the parser reads them as UTF-8 anyway). */
  static void utf8(Pop3Command.Utf8 command, Pop3Session session) {
    session.utf8(true);
    session.ok("UTF8 enabled");
  }

  /**
   * RFC 1939 §6: in TRANSACTION, QUIT enters UPDATE and removes the messages marked deleted: {@code
   * \Deleted} on exactly those UIDs, then an expunge of exactly those, so a message another session
   * flagged is left alone. Retrieved messages get {@code \Seen} (ADR 0194). IMAP sessions on the
   * vault hear the EXPUNGEs from the store, as for any other client's.
   */
  static void quit(Pop3Command.Quit command, Pop3Session session) {
    if (session.state() == Pop3State.AUTHORIZATION) {
      session.ok("Mailvault POP3 signing off");
      session.close();
      return;
    }
    session.enterUpdate();
    Maildrop maildrop = session.maildrop();
    try {
      update(session.mailbox(), maildrop.seenUids(), maildrop.deletedUids());
      session.ok("Mailvault POP3 signing off (" + maildrop.count() + " messages left)");
    } catch (MailvaultException | RuntimeException e) {
      String id = RandomIds.hex(6);
      LOG.warn("QUIT could not update the maildrop [{}]: {}", id, e.toString());
      // RFC 1939 §6's own answer when the removal fails.
      session.err(Pop3Failure.SYS_TEMP, "Some deleted messages not removed (" + id + ")");
    } finally {
      session.end();
      session.close();
    }
  }

  private static void update(MailboxAccess mailbox, List<Long> seen, List<Long> deleted)
      throws MailvaultException {
    if (!seen.isEmpty()) {
      mailbox.storeFlags(Listing.INBOX, UidSet.of(seen), FlagUpdate.add(Flags.of(SystemFlag.SEEN)));
    }
    if (!deleted.isEmpty()) {
      UidSet uids = UidSet.of(deleted);
      mailbox.storeFlags(Listing.INBOX, uids, FlagUpdate.add(Flags.of(SystemFlag.DELETED)));
      mailbox.expunge(Listing.INBOX, uids);
    }
  }
}
