package dev.mailvault.imap.handler;

import dev.mailvault.core.access.MessageMeta;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.imap.codec.ResponseCode;
import dev.mailvault.imap.codec.ResponseWriter;
import dev.mailvault.imap.session.ImapSession;
import dev.mailvault.imap.session.SelectedFolder;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * What a client catching up on a folder is told (RFC 7162 §3.2.5 SELECT QRESYNC, §3.2.6 UID FETCH
 * VANISHED): the UIDs expunged since its mod-sequence, and the flags of the messages changed since.
 */
final class ResyncAnswers {

  private ResyncAnswers() {}

  /**
   * {@code * VANISHED (EARLIER) uids}: the UIDs in {@code within} expunged after {@code modseq}
   * from the expunge log, which is kept whole (docs/adr/0211-expunge-log-kept-whole.md). Nothing is
   * sent when none was.
   */
  static void vanishedEarlier(ImapSession session, SelectedFolder view, long modseq, UidSet within)
      throws MailvaultException {
    TreeSet<Long> gone = new TreeSet<>();
    for (long uid : session.mailbox().expungedSince(view.name(), modseq)) {
      // A UID still in the session's view was expunged after the view was read: it keeps its
      // sequence number until the plain VANISHED its event brings, so EARLIER must not name it.
      if (within.contains(uid) && view.sequenceOf(uid) == 0) {
        gone.add(uid);
      }
    }
    if (!gone.isEmpty()) {
      session.untagged("VANISHED (EARLIER) " + ResponseCode.format(UidSet.of(List.copyOf(gone))));
    }
  }

  /**
   * The UIDs a client synchronised to {@code modseq} may know: those it listed (all when it listed
   * none), below UIDNEXT as it stood then. Messages added later are new to it, and it learns them
   * through EXISTS, never as a FETCH of a sequence number it cannot place yet.
   */
  static UidSet knowable(ImapSession session, String folder, long modseq, UidSet listed)
      throws MailvaultException {
    OptionalLong uidNext = session.mailbox().uidNextAt(folder, modseq);
    if (uidNext.isEmpty()) {
      return listed;
    }
    List<UidSet.Range> within = new ArrayList<>();
    for (UidSet.Range range : listed.ranges()) {
      long last = Math.min(range.last(), uidNext.getAsLong() - 1);
      if (range.first() <= last) {
        within.add(new UidSet.Range(range.first(), last));
      }
    }
    return new UidSet(within);
  }

  /**
   * RFC 7162 §3.2.5: {@code * n FETCH (UID u FLAGS (...) MODSEQ (m))} for every message of {@code
   * within} changed after {@code modseq}.
   */
  static void changedFlags(ImapSession session, SelectedFolder view, long modseq, UidSet within)
      throws MailvaultException {
    if (within.isEmpty()) {
      return;
    }
    List<MessageMeta> changed = session.mailbox().changedSince(view.name(), within, modseq, false);
    for (MessageMeta meta : changed) {
      int seq = view.sequenceOf(meta.uid());
      if (seq == 0) {
        continue;
      }
      session.announceKeywords(meta.flags());
      ResponseWriter line = session.writer().untagged().number(seq).atom(" FETCH (UID ");
      line.number(meta.uid()).atom(" FLAGS ");
      session.writeFlags(line, meta.uid(), meta.flags());
      line.atom(" MODSEQ (").number(meta.modseq()).atom(")");
      session.send(line.close().crlf());
      view.announced(meta.uid(), meta.modseq());
    }
  }
}
