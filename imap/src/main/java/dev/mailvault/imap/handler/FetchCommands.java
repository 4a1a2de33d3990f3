package dev.mailvault.imap.handler;

import dev.mailvault.core.access.FlagUpdate;
import dev.mailvault.core.access.MailboxAccess;
import dev.mailvault.core.access.MessageFlags;
import dev.mailvault.core.access.MessageMeta;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.SystemFlag;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.imap.codec.ImapCommand;
import dev.mailvault.imap.fetch.FetchPlan;
import dev.mailvault.imap.fetch.FetchResponder;
import dev.mailvault.imap.session.ImapFailure;
import dev.mailvault.imap.session.ImapSession;
import dev.mailvault.imap.session.SelectedFolder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * FETCH and UID FETCH (RFC 9051 §6.4.5, §6.4.9): metadata from the stored ENVELOPE and
 * BODYSTRUCTURE, content from the stored bytes, never a re-parse. A non-PEEK body fetch sets \Seen
 * on a read-write folder first, and the answer carries the new FLAGS.
 */
final class FetchCommands {

  static final int BATCH_MESSAGES = 64;
  static final long BATCH_BYTES = 1 << 20;

  private FetchCommands() {}

  static void fetch(ImapCommand.Fetch command, ImapSession session) throws MailvaultException {
    if (command.changedSince() >= 0 || command.vanished()) {
      throw ImapFailure.bad("CONDSTORE and QRESYNC are not offered"); // RFC 7162 §3.1.4.1
    }
    SelectedFolder view = session.selected();
    UidSet uids = MessageSets.resolve(command.set(), command.uid(), view);
    MailboxAccess mailbox = session.mailbox();
    FetchPlan plan = FetchPlan.of(command.items(), command.uid());
    List<MessageMeta> metas =
        uids.ranges().isEmpty()
            ? List.of()
            : mailbox.messages(view.name(), uids, plan.readsStructure());
    Map<Long, Flags> seenNow = markSeen(session, view, plan, metas);
    FetchResponder responder = new FetchResponder(mailbox, view.name());
    List<String> sections = plan.sectionsReadWhole();
    int next = 0;
    while (next < metas.size()) {
      int end = batchEnd(metas, next, sections.isEmpty());
      Map<Long, Map<String, byte[]>> read = Map.of();
      if (!sections.isEmpty()) {
        List<Long> batch = new ArrayList<>(end - next);
        for (MessageMeta meta : metas.subList(next, end)) {
          batch.add(meta.uid());
        }
        read = mailbox.fetchSections(view.name(), batch, sections);
      }
      for (MessageMeta meta : metas.subList(next, end)) {
        answer(session, view, responder, plan, meta, seenNow, read);
      }
      next = end;
    }
    session.done(command.tag(), command.uid() ? "UID FETCH completed" : "FETCH completed");
  }

  /**
   * Where the batch that starts at {@code from} ends: sections are read for a batch of messages at
   * once, up to {@link #BATCH_MESSAGES} of them or {@link #BATCH_BYTES} of message, so a FETCH
   * holds no more content than that however many messages it names (a larger message is a batch of
   * its own). Without sections there is nothing to hold.
   */
  static int batchEnd(List<MessageMeta> metas, int from, boolean metadataOnly) {
    if (metadataOnly) {
      return metas.size();
    }
    long bytes = 0;
    int end = from;
    while (end < metas.size() && end - from < BATCH_MESSAGES) {
      bytes += metas.get(end).size();
      if (bytes > BATCH_BYTES && end > from) {
        break;
      }
      end++;
    }
    return end;
  }

  private static void answer(
      ImapSession session,
      SelectedFolder view,
      FetchResponder responder,
      FetchPlan plan,
      MessageMeta meta,
      Map<Long, Flags> seenNow,
      Map<Long, Map<String, byte[]>> read)
      throws MailvaultException {
    int seq = view.sequenceOf(meta.uid());
    if (seq == 0) {
      return; // arrived after the client's view; it hears of it through EXISTS first
    }
    FetchPlan messagePlan = plan;
    MessageMeta shown = meta;
    Flags flags = seenNow.get(meta.uid());
    if (flags != null) {
      shown = meta.withFlags(flags);
      messagePlan = plan.withFlags();
    }
    session.announceKeywords(shown.flags());
    var line = session.writer();
    responder.write(
        line,
        seq,
        shown,
        messagePlan,
        view.isRecent(meta.uid()),
        read.getOrDefault(meta.uid(), Map.of()));
    session.send(line);
  }

  /** RFC 9051 §6.4.5: BODY[...] without PEEK sets \Seen; one store for all such messages. */
  private static Map<Long, Flags> markSeen(
      ImapSession session, SelectedFolder view, FetchPlan plan, List<MessageMeta> metas)
      throws MailvaultException {
    Map<Long, Flags> changed = new HashMap<>();
    if (view.readOnly() || !plan.marksSeen()) {
      return changed;
    }
    List<Long> unseen = new ArrayList<>();
    for (MessageMeta meta : metas) {
      if (plan.setsSeen(meta.flags())) {
        unseen.add(meta.uid());
      }
    }
    if (unseen.isEmpty()) {
      return changed;
    }
    for (MessageFlags now :
        session
            .mailbox()
            .storeFlags(
                view.name(), UidSet.of(unseen), FlagUpdate.add(Flags.of(SystemFlag.SEEN)))) {
      changed.put(now.uid(), now.flags());
      view.announced(now.uid(), now.modseq());
    }
    return changed;
  }
}
