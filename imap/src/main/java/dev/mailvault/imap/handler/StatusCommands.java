package dev.mailvault.imap.handler;

import dev.mailvault.core.access.FolderInfo;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.imap.codec.ImapCommand;
import dev.mailvault.imap.codec.ImapCommand.StatusItem;
import dev.mailvault.imap.codec.ObjectIds;
import dev.mailvault.imap.codec.ResponseWriter;
import dev.mailvault.imap.session.ImapSession;
import dev.mailvault.imap.session.SelectedFolder;
import java.util.Arrays;
import java.util.List;

/**
 * STATUS (RFC 9051 §6.3.11, RFC 3501 §6.3.10) with SIZE (RFC 8438), APPENDLIMIT (RFC 7889) and
 * HIGHESTMODSEQ (RFC 7162): every item is a counter the store keeps, nothing is counted here.
 */
final class StatusCommands {

  private StatusCommands() {}

  static void status(ImapCommand.Status command, ImapSession session) throws MailvaultException {
    FolderInfo info = session.mailbox().folder(command.mailbox());
    if (command.items().contains(StatusItem.HIGHESTMODSEQ)) {
      session.enableCondstore(); // RFC 7162 §3.1: a CONDSTORE-enabling command
    }
    writeStatus(session, info, command.items());
    session.done(command.tag(), "STATUS completed");
  }

  /** {@code * STATUS name (ITEM value ...)}, the items in the order asked. */
  static void writeStatus(ImapSession session, FolderInfo info, List<StatusItem> items)
      throws MailvaultException {
    ResponseWriter line =
        session.writer().untagged().atom("STATUS ").mailbox(info.name()).atom(" (");
    boolean first = true;
    for (StatusItem item : items) {
      if (!first) {
        line.sp();
      }
      first = false;
      line.atom(item.name()).sp();
      switch (item) {
        case MESSAGES -> line.number(info.messages());
        case UIDNEXT -> line.number(info.uidNext());
        case UIDVALIDITY -> line.number(info.uidValidity());
        case UNSEEN -> line.number(info.unseen());
        case DELETED -> line.number(info.deleted());
        case SIZE -> line.number(info.size());
        case RECENT -> line.number(recent(session, info));
        case HIGHESTMODSEQ -> line.number(info.highestModseq());
        case APPENDLIMIT -> line.number(session.services().limits().appendLimit());
        // RFC 8474 §4: MAILBOXID (objectid)
        case MAILBOXID -> line.open().atom(ObjectIds.mailboxId(info.uidValidity())).close();
      }
    }
    session.send(line.atom(")").crlf());
  }

  /**
   * RFC 3501 §2.3.2, §6.3.10: the selected folder's recent messages are this session's; any other
   * folder's are those no session has been first to see yet (STATUS does not claim them).
   */
  private static long recent(ImapSession session, FolderInfo info) throws MailvaultException {
    SelectedFolder view = session.selected();
    if (view != null && view.name().equals(info.name())) {
      return view.recentCount();
    }
    long claimed =
        session
            .services()
            .recent()
            .claimedThrough(session.mailbox().id(), info.name(), info.uidValidity());
    long[] uids = session.mailbox().uids(info.name());
    int from = Arrays.binarySearch(uids, claimed);
    return uids.length - (from >= 0 ? from + 1 : -from - 1);
  }
}
