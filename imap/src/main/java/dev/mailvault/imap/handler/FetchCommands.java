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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FETCH and UID FETCH (RFC 9051 §6.4.5, §6.4.9): metadata from the stored ENVELOPE and
 * BODYSTRUCTURE, content from the stored bytes, never a re-parse. A non-PEEK body fetch sets \Seen
 * on a read-write folder first, and the answer carries the new FLAGS.
 */
final class FetchCommands {

  static final int BATCH_MESSAGES = 64;
  static final long BATCH_BYTES = 1 << 20;

  /** Messages whose metadata one read brings: a chunk of the answer. */
  static final int CHUNK_MESSAGES = 1000;

  private static final Logger LOG = LoggerFactory.getLogger(FetchCommands.class);

  private FetchCommands() {}

  static void fetch(ImapCommand.Fetch command, ImapSession session) throws MailvaultException {
    if (command.vanished() && !session.qresync()) {
      // RFC 7162 §3.2.6: VANISHED is a BAD unless QRESYNC was enabled.
      throw ImapFailure.bad("VANISHED needs ENABLE QRESYNC first");
    }
    SelectedFolder view = session.selected();
    UidSet uids = MessageSets.resolve(command.set(), command.uid(), view);
    FetchPlan plan = FetchPlan.of(command.items(), command.uid());
    long changedSince = command.changedSince();
    if (changedSince >= 0) {
      // RFC 7162 §3.1.4.1: CHANGEDSINCE implies MODSEQ and enables CONDSTORE.
      plan = plan.withModseq();
    }
    if (plan.asksModseq()) {
      session.enableCondstore();
    }
    if (session.qresync()) {
      // RFC 7162 §3.2.4: with QRESYNC every FETCH response names its UID, so that the client can
      // match it against the UIDs VANISHED names.
      plan = plan.withUid();
    }
    if (command.vanished()) {
      UidSet asked = command.set().saved() ? uids : command.set().resolve(UidSet.MAX_UID);
      ResyncAnswers.vanishedEarlier(session, view, changedSince, asked);
    }
    FetchResponder responder = new FetchResponder(session.mailbox(), view.name());
    // Streamed a chunk at a time (docs/adr/0230-fetch-streams-in-chunks.md): the first answers
    // leave before the last are read, and a session holds one chunk, however many it names.
    for (UidSet chunk : chunks(uids, CHUNK_MESSAGES)) {
      if (!answerChunk(session, view, responder, plan, chunk, changedSince)) {
        return; // the connection is gone: no tagged answer, and the worker is free
      }
    }
    session.done(command.tag(), command.uid() ? "UID FETCH completed" : "FETCH completed");
  }

  /**
   * {@code uids} cut, in order, into sets of at most {@code max} UIDs. The UIDs of a resolved set
   * all exist (MessageSets), so a range's size is its count of messages.
   */
  static List<UidSet> chunks(UidSet uids, int max) {
    List<UidSet> chunks = new ArrayList<>();
    List<UidSet.Range> current = new ArrayList<>();
    long size = 0;
    for (UidSet.Range range : uids.ranges()) {
      long first = range.first();
      while (first <= range.last()) {
        long last = Math.min(range.last(), first + (max - size) - 1);
        current.add(new UidSet.Range(first, last));
        size += last - first + 1;
        first = last + 1;
        if (size == max) {
          chunks.add(new UidSet(current));
          current = new ArrayList<>();
          size = 0;
        }
      }
    }
    if (!current.isEmpty()) {
      chunks.add(new UidSet(current));
    }
    return chunks;
  }

  /** Answers one chunk a batch at a time; false when the client stopped reading and was dropped. */
  private static boolean answerChunk(
      ImapSession session,
      SelectedFolder view,
      FetchResponder responder,
      FetchPlan plan,
      UidSet chunk,
      long changedSince)
      throws MailvaultException {
    MailboxAccess mailbox = session.mailbox();
    List<MessageMeta> metas =
        changedSince >= 0
            ? mailbox.changedSince(view.name(), chunk, changedSince, plan.readsStructure())
            : mailbox.messages(view.name(), chunk, plan.readsStructure());
    Map<Long, MessageFlags> seenNow = markSeen(session, view, plan, metas);
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
      if (!sentAtClientPace(session)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Sends what was answered and waits while the client reads the backlog (ADR 0230), so the heap
   * holds about one batch of answer. A client that reads none of it for the configured stall is
   * dropped instead (docs/adr/0235-a-client-that-stops-reading-is-dropped.md): its backlog would
   * never leave, and the wait holds a worker thread.
   *
   * @return false when the connection was dropped and the command ends without a tagged answer
   */
  private static boolean sentAtClientPace(ImapSession session) {
    session.flush();
    Duration stall = session.services().limits().readerStall();
    if (session.transport().awaitWritable(stall)) {
      return true;
    }
    LOG.info("FETCH dropped its connection: the client read nothing for {} or left", stall);
    session.transport().abort();
    return false;
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
      Map<Long, MessageFlags> seenNow,
      Map<Long, Map<String, byte[]>> read)
      throws MailvaultException {
    int seq = view.sequenceOf(meta.uid());
    if (seq == 0) {
      return; // arrived after the client's view; it hears of it through EXISTS first
    }
    FetchPlan messagePlan = plan;
    MessageMeta shown = meta;
    MessageFlags flags = seenNow.get(meta.uid());
    if (flags != null) {
      shown = withFlags(meta, flags);
      messagePlan = plan.withFlags();
      if (session.condstore()) {
        messagePlan = messagePlan.withModseq(); // RFC 7162 §3.1: a flag change carries MODSEQ
      }
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
  private static Map<Long, MessageFlags> markSeen(
      ImapSession session, SelectedFolder view, FetchPlan plan, List<MessageMeta> metas)
      throws MailvaultException {
    Map<Long, MessageFlags> changed = new HashMap<>();
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
      changed.put(now.uid(), now);
      view.announced(now.uid(), now.modseq());
    }
    return changed;
  }

  private static MessageMeta withFlags(MessageMeta meta, MessageFlags flags) {
    return new MessageMeta(
        meta.uid(),
        flags.modseq(),
        flags.flags(),
        meta.internalDate(),
        meta.size(),
        meta.envelope(),
        meta.body(),
        meta.bodyStructure(),
        meta.messageId(),
        meta.emailId(),
        meta.saveDate());
  }
}
