package dev.mailvault.imap.handler;

import dev.mailvault.core.access.ConditionalStore;
import dev.mailvault.core.access.CopyResult;
import dev.mailvault.core.access.ExpungeResult;
import dev.mailvault.core.access.FlagUpdate;
import dev.mailvault.core.access.MessageFlags;
import dev.mailvault.core.access.StoreMode;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.imap.codec.ImapCommand;
import dev.mailvault.imap.codec.ResponseCode;
import dev.mailvault.imap.codec.ResponseWriter;
import dev.mailvault.imap.session.ImapFailure;
import dev.mailvault.imap.session.ImapSession;
import dev.mailvault.imap.session.SelectedFolder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * STORE, COPY, MOVE, EXPUNGE and UID EXPUNGE: the commands that change messages of the selected
 * folder (RFC 9051 §6.4). Each changes the store first and then tells its own client what changed,
 * in terms of the sequence numbers that client knows; other sessions hear of it through the store's
 * events.
 */
final class MessageCommands {

  private MessageCommands() {}

  /**
   * RFC 9051 §6.4.6: changes flags and, unless {@code .SILENT}, answers an untagged FETCH with the
   * new flags of each message that changed (with its UID for UID STORE, RFC 9051 §6.4.9). Once
   * CONDSTORE is enabled each answer carries the new MODSEQ, {@code .SILENT} ones only that (RFC
   * 7162 §3.1.3); {@code UNCHANGEDSINCE} leaves the messages changed after it alone and names them
   * in {@code MODIFIED}.
   */
  static void store(ImapCommand.Store command, ImapSession session) throws MailvaultException {
    SelectedFolder view = session.selected();
    UidSet uids = MessageSets.resolve(command.set(), command.uid(), view);
    requireWritable(view);
    boolean conditional = command.unchangedSince() >= 0;
    if (conditional) {
      session.enableCondstore(); // RFC 7162 §3.1: a CONDSTORE-enabling command
    }
    List<Long> modified = List.of();
    if (!uids.isEmpty()) {
      FlagUpdate update = new FlagUpdate(mode(command.mode()), command.flags());
      List<MessageFlags> changed;
      if (conditional) {
        ConditionalStore result =
            session.mailbox().storeFlags(view.name(), uids, update, command.unchangedSince());
        changed = result.changed();
        modified = result.modified();
      } else {
        changed = session.mailbox().storeFlags(view.name(), uids, update);
      }
      for (MessageFlags flags : changed) {
        echo(command, session, view, flags);
      }
    }
    session.done(command.tag(), modifiedCode(command.uid(), view, modified), "STORE completed");
  }

  /** The untagged FETCH a STORE answers for one changed message; its own event is then dropped. */
  private static void echo(
      ImapCommand.Store command, ImapSession session, SelectedFolder view, MessageFlags flags) {
    int seq = view.sequenceOf(flags.uid());
    if (seq == 0) {
      return;
    }
    boolean silent = command.silent();
    if (silent) {
      view.storedSilently(flags);
      if (!session.condstore()) {
        return;
      }
    } else {
      view.announced(flags.uid(), flags.modseq());
      session.announceKeywords(flags.flags());
    }
    ResponseWriter line = session.writer().untagged().number(seq).atom(" FETCH (");
    if (command.uid() || session.qresync()) {
      line.atom("UID ").number(flags.uid()).sp();
    }
    if (!silent) {
      line.atom("FLAGS ");
      session.writeFlags(line, flags.uid(), flags.flags());
    }
    if (session.condstore()) {
      line.atom(silent ? "MODSEQ (" : " MODSEQ (").number(flags.modseq()).atom(")");
    }
    session.send(line.close().crlf());
  }

  /**
   * RFC 7162 §3.1.3: {@code MODIFIED} names the messages that failed the UNCHANGEDSINCE test, by
   * UID for UID STORE and by sequence number otherwise; null when none did.
   */
  private static ResponseCode modifiedCode(boolean uid, SelectedFolder view, List<Long> modified) {
    List<Long> numbers = new ArrayList<>();
    for (long failed : modified) {
      int seq = view.sequenceOf(failed);
      if (seq > 0) {
        numbers.add(uid ? failed : seq);
      }
    }
    if (numbers.isEmpty()) {
      return null;
    }
    Collections.sort(numbers);
    return new ResponseCode("MODIFIED", ResponseCode.format(UidSet.of(numbers)));
  }

  /**
   * RFC 9051 §6.4.7: copies with flags and internal dates, answering COPYUID (RFC 4315 §3). A
   * read-only folder may be copied from.
   */
  static void copy(ImapCommand.Copy command, ImapSession session) throws MailvaultException {
    SelectedFolder view = session.selected();
    UidSet uids = MessageSets.resolve(command.set(), command.uid(), view);
    if (uids.isEmpty()) {
      // RFC 4315 §3: nothing to copy, so no COPYUID; the destination must still exist.
      session.mailbox().folder(command.mailbox());
      session.done(command.tag(), "COPY completed");
      return;
    }
    CopyResult result = session.mailbox().copy(view.name(), uids, command.mailbox());
    expectNewMailIfSelected(session, command.mailbox());
    session.done(command.tag(), copyUid(result), "COPY completed");
    JunkLessons.afterCopy(session, view.name(), command.mailbox(), result);
  }

  /**
   * RFC 6851 §3.3: moves atomically, then sends COPYUID in an untagged OK before the EXPUNGE
   * responses of the moved messages (RFC 6851 §4.3).
   */
  static void move(ImapCommand.Move command, ImapSession session) throws MailvaultException {
    SelectedFolder view = session.selected();
    UidSet uids = MessageSets.resolve(command.set(), command.uid(), view);
    requireWritable(view);
    if (uids.isEmpty()) {
      session.mailbox().folder(command.mailbox());
      session.done(command.tag(), "MOVE completed");
      return;
    }
    CopyResult result = session.mailbox().move(view.name(), uids, command.mailbox());
    ResponseCode copyUid = copyUid(result);
    if (copyUid != null) {
      session.ok(null, copyUid, "Moved");
    }
    announceExpunged(session, view, result.sourceUids());
    expectNewMailIfSelected(session, command.mailbox());
    doneAfterExpunge(session, command.tag(), "MOVE completed");
    JunkLessons.afterCopy(session, view.name(), command.mailbox(), result);
  }

  /** RFC 9051 §6.4.3: removes every {@code \Deleted} message, announcing each EXPUNGE. */
  static void expunge(ImapCommand.Expunge command, ImapSession session) throws MailvaultException {
    SelectedFolder view = session.selected();
    requireWritable(view);
    ExpungeResult result = session.mailbox().expunge(view.name());
    announceExpunged(session, view, result.uids());
    doneAfterExpunge(session, command.tag(), "EXPUNGE completed");
  }

  /**
   * RFC 4315 §2.1 (RFC 9051 §6.4.9): removes only the {@code \Deleted} messages of the UID set, and
   * only those this client knows, so a message it has not heard of yet is never removed under it.
   */
  static void uidExpunge(ImapCommand.UidExpunge command, ImapSession session)
      throws MailvaultException {
    SelectedFolder view = session.selected();
    UidSet uids = MessageSets.resolve(command.uids(), true, view);
    requireWritable(view);
    if (!uids.isEmpty()) {
      ExpungeResult result = session.mailbox().expunge(view.name(), uids);
      announceExpunged(session, view, result.uids());
    }
    doneAfterExpunge(session, command.tag(), "UID EXPUNGE completed");
  }

  /**
   * RFC 9051 §7.5.1: one EXPUNGE per removed message, each numbered as the client's view stands
   * after the ones before it. The store's later event for the same UIDs finds them gone already.
   */
  private static void announceExpunged(ImapSession session, SelectedFolder view, List<Long> uids) {
    session.beforeExpunge(uids);
    session.tellExpunged(view.remove(uids));
  }

  /**
   * The tagged OK of a command that expunged: with CONDSTORE it names the HIGHESTMODSEQ the client
   * has now been told everything up to (RFC 7162's EXPUNGE examples, §3.1.2.1), since an expunge
   * raises it without any FETCH to carry it. Read after the announcement it covers.
   */
  private static void doneAfterExpunge(ImapSession session, String tag, String text)
      throws MailvaultException {
    if (!session.condstore()) {
      session.done(tag, text);
      return;
    }
    SelectedFolder view = session.selected();
    session.announce(true);
    session.ok(tag, ImapSession.highestModseq(view), text);
  }

  /**
   * After this session added mail to {@code folder}: if that is the selected folder, the next
   * announcement looks for it, so EXISTS comes with this command's completion (RFC 9051 §6.3.12)
   * rather than with the store's event, which may come later.
   */
  static void expectNewMailIfSelected(ImapSession session, String folder) {
    SelectedFolder view = session.selected();
    if (view != null && sameFolder(view.name(), folder)) {
      view.expectNewMail();
    }
  }

  /** RFC 9051 §5.1: INBOX is case-insensitive, every other name is not. */
  private static boolean sameFolder(String selected, String named) {
    return selected.equals(named)
        || (selected.equalsIgnoreCase("INBOX") && named.equalsIgnoreCase("INBOX"));
  }

  /** RFC 9051 §6.3.3: EXAMINE opens a folder read-only; nothing in it may change. */
  private static void requireWritable(SelectedFolder view) throws ImapFailure {
    if (view.readOnly()) {
      throw ImapFailure.no(null, "Mailbox is read-only");
    }
  }

  private static ResponseCode copyUid(CopyResult result) {
    if (result.isEmpty()) {
      return null;
    }
    return ResponseCode.copyUid(
        result.uidValidity(), UidSet.of(result.sourceUids()), UidSet.of(result.destinationUids()));
  }

  private static StoreMode mode(ImapCommand.StoreMode mode) {
    return switch (mode) {
      case REPLACE -> StoreMode.REPLACE;
      case ADD -> StoreMode.ADD;
      case REMOVE -> StoreMode.REMOVE;
    };
  }
}
