package dev.mailvault.imap.handler;

import dev.mailvault.core.access.MessageMeta;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.imap.codec.ResponseCode;
import dev.mailvault.imap.codec.ResponseWriter;
import dev.mailvault.imap.session.ImapSession;
import dev.mailvault.imap.session.SelectedFolder;
import java.util.List;
import java.util.TreeSet;

/**
 * What a client catching up on a folder is told (RFC 7162 §3.2.5 SELECT QRESYNC, §3.2.6 UID FETCH
 * VANISHED): the UIDs expunged since its mod-sequence, and the flags of the messages changed since.
 */
final class ResyncAnswers {

  private ResyncAnswers() {}

  /**
   * {@code * VANISHED (EARLIER) uids}: the UIDs in {@code within} expunged after {@code modseq},
   * from the expunge log, which is kept whole (docs/adr/0211-expunge-log-kept-whole.md). Nothing is
   * sent when none was.
   */
  static void vanishedEarlier(ImapSession session, String folder, long modseq, UidSet within)
      throws MailvaultException {
    TreeSet<Long> gone = new TreeSet<>();
    for (long uid : session.mailbox().expungedSince(folder, modseq)) {
      if (within.contains(uid)) {
        gone.add(uid);
      }
    }
    if (!gone.isEmpty()) {
      session.untagged("VANISHED (EARLIER) " + ResponseCode.format(UidSet.of(List.copyOf(gone))));
    }
  }

  /**
   * RFC 7162 §3.2.5: {@code * n FETCH (UID u FLAGS (...) MODSEQ (m))} for every message of the view
   * changed after {@code modseq}. New messages are included: a client that did not know them learns
   * them here as well as through EXISTS.
   */
  static void changedFlags(ImapSession session, SelectedFolder view, long modseq)
      throws MailvaultException {
    List<MessageMeta> changed =
        session.mailbox().changedSince(view.name(), UidSet.all(), modseq, false);
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
