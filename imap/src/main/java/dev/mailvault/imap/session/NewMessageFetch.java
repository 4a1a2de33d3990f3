package dev.mailvault.imap.session;

import dev.mailvault.core.access.MessageMeta;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.imap.codec.FetchItem;
import dev.mailvault.imap.fetch.FetchPlan;
import dev.mailvault.imap.fetch.FetchResponder;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 5465 §5.2: with {@code (SELECTED (MessageNew (fetch-att ...)))} the client is sent a FETCH of
 * each new message of the selected mailbox right after EXISTS, UID included. The items are read as
 * with PEEK: an announcement changes no flag.
 */
final class NewMessageFetch {

  private static final Logger LOG = LoggerFactory.getLogger(NewMessageFetch.class);

  private NewMessageFetch() {}

  /** FETCH of the messages from sequence number {@code firstSeq} to the end of the view. */
  static void send(ImapSession session, SelectedFolder view, List<FetchItem> items, int firstSeq) {
    FetchPlan plan = FetchPlan.of(items, true);
    try {
      UidSet uids = UidSet.range(view.uidAt(firstSeq), view.lastUid());
      List<MessageMeta> metas =
          session.mailbox().messages(view.name(), uids, plan.readsStructure());
      FetchResponder responder = new FetchResponder(session.mailbox(), view.name());
      for (MessageMeta meta : metas) {
        int seq = view.sequenceOf(meta.uid());
        if (seq > 0) {
          session.announceKeywords(meta.flags());
          // \Recent as FETCH shows it (FetchCommands), so both answers agree.
          session.send(responder.render(seq, meta, plan, view.isRecent(meta.uid())));
        }
      }
    } catch (MailvaultException e) {
      // The EXISTS went out: the client fetches what it misses itself.
      LOG.debug("new-message fetch not sent: {}", e.getClass().getName());
    }
  }
}
