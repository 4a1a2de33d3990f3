package dev.mailvault.imap.handler;

import dev.mailvault.core.access.FolderInfo;
import dev.mailvault.core.access.MailboxAccess;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.imap.codec.ImapCommand;
import dev.mailvault.imap.codec.ResponseCode;
import dev.mailvault.imap.session.IdleState;
import dev.mailvault.imap.session.ImapFailure;
import dev.mailvault.imap.session.ImapSession;
import dev.mailvault.imap.session.SelectedFolder;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** SELECT, EXAMINE, CLOSE, UNSELECT and IDLE: entering, leaving and watching a folder. */
final class SelectCommands {

  private SelectCommands() {}

  /**
   * RFC 9051 §6.3.2 (and RFC 3501 §6.3.1 for rev1 sessions): FLAGS, EXISTS, the UID codes, and the
   * LIST answer rev2 requires. A failed SELECT leaves the session AUTHENTICATED.
   */
  static void select(ImapCommand.Select command, ImapSession session) throws MailvaultException {
    ImapCommand.QResync qresync = command.options().qresync();
    if (qresync != null && !session.qresync()) {
      // RFC 7162 §3.2.5: the QRESYNC parameter without ENABLE QRESYNC is a BAD.
      throw ImapFailure.bad("QRESYNC needs ENABLE QRESYNC first");
    }
    if (session.selected() != null) {
      if (session.condstore()) {
        // What is pending for the old folder goes before CLOSED, so a client that keeps that
        // folder's view keeps it whole (RFC 7162 §3.2.11).
        session.announceQuietly();
      }
      session.unselect();
      // RFC 9051 §7.1, RFC 7162 §3.2.11: CLOSED marks where the old mailbox's responses end.
      session.ok(null, ResponseCode.of("CLOSED"), "Previous mailbox closed");
    }
    if (command.options().condstore()) {
      session.enableCondstore(); // RFC 7162 §3.1.8: SELECT (CONDSTORE) enables it
    }
    MailboxAccess mailbox = session.mailbox();
    FolderInfo info = mailbox.folder(command.mailbox());
    boolean readOnly = command.readOnly();
    // The view hears the folder's events before its UIDs are read, so a change committed in
    // between is announced later rather than lost.
    SelectedFolder view =
        new SelectedFolder(
            info.name(), readOnly, info.uidValidity(), info.highestModseq(), new long[0]);
    session.select(view);
    try {
      view.addNew(mailbox.uids(info.name()));
    } catch (MailvaultException | RuntimeException e) {
      session.unselect();
      throw e;
    }
    session.claimRecent(view);
    boolean resync = qresync != null && qresync.uidValidity() == info.uidValidity();
    if (resync) {
      // A client resuming from its cache shows the keywords it kept: FLAGS must list them all, or
      // it would drop them from the messages it holds (RFC 9051 §7.3.5).
      view.learnKeywords(mailbox.keywords(info.name()));
    }
    // Keywords join the FLAGS list as the client first meets them (ImapSession.announceKeywords).
    session.sendFlags(view);
    session.untagged(view.exists() + " EXISTS");
    if (!session.rev2()) {
      session.untagged(view.recentCount() + " RECENT");
      firstUnseen(session, view, info);
    }
    session.sendPermanentFlags(view);
    session.ok(null, ResponseCode.uidValidity(info.uidValidity()), "UIDs valid");
    session.ok(null, ResponseCode.uidNext(info.uidNext()), "Predicted next UID");
    // RFC 7162 §3.1.2.1: every folder keeps mod-sequences, so never NOMODSEQ.
    session.ok(null, ImapSession.highestModseq(view), "Highest");
    session.ok(null, ResponseCode.mailboxId(info.uidValidity()), "Mailbox id"); // RFC 8474 §4
    if (session.rev2()) {
      session.send(
          session
              .writer()
              .untagged()
              .atom("LIST ")
              .atom(FolderAttributes.of(info))
              .atom(" \"/\" ")
              .mailbox(info.name())
              .crlf());
    }
    if (resync) {
      // RFC 7162 §3.2.5: what changed since the client's mod-sequence, before the tagged OK. A
      // client whose UIDVALIDITY is stale gets a plain SELECT and starts over.
      UidSet listed =
          qresync.knownUids() == null ? UidSet.all() : qresync.knownUids().resolve(UidSet.MAX_UID);
      UidSet known = ResyncAnswers.knowable(session, info.name(), qresync.modSeq(), listed);
      ResyncAnswers.vanishedEarlier(session, view, qresync.modSeq(), known);
      ResyncAnswers.changedFlags(session, view, qresync.modSeq(), known);
    }
    ResponseCode access = readOnly ? ResponseCode.READ_ONLY : ResponseCode.READ_WRITE;
    String text = readOnly ? "EXAMINE completed" : "SELECT completed";
    if (resync) {
      // The answer above is the client's whole news: a second EXISTS or VANISHED inside the same
      // SELECT would be counted against the view it is rebuilding. Later changes come with the
      // next command.
      session.ok(command.tag(), access, text);
    } else {
      session.done(command.tag(), access, text);
    }
  }

  /**
   * RFC 3501 §6.3.1: a rev1 SELECT names the first message without {@code \Seen} in OK [UNSEEN n]
   * (RFC 9051 dropped it; rev1 clients still read it to open the folder there).
   */
  private static void firstUnseen(ImapSession session, SelectedFolder view, FolderInfo info)
      throws MailvaultException {
    if (info.unseen() == 0 || view.exists() == 0) {
      return;
    }
    // The view was read from the store just before: the store's first unseen message is in it,
    // unless it arrived since, and then no message the client knows is unseen.
    int seq = view.sequenceOf(session.mailbox().firstUnseen(view.name()));
    if (seq > 0) {
      session.ok(null, new ResponseCode("UNSEEN", Integer.toString(seq)), "First unseen");
    }
  }

  /** RFC 9051 §6.4.1: expunge silently (unless read-only), then leave the folder. */
  static void close(ImapCommand.Close command, ImapSession session) throws MailvaultException {
    SelectedFolder view = session.selected();
    if (!view.readOnly()) {
      session.mailbox().expunge(view.name());
    }
    session.unselect();
    session.ok(command.tag(), "CLOSE completed");
  }

  /** RFC 3691 / RFC 9051 §6.4.2: leave the folder without expunging. */
  static void unselect(ImapCommand.Unselect command, ImapSession session) {
    session.unselect();
    session.ok(command.tag(), "UNSELECT completed");
  }

  /**
   * RFC 2177 / RFC 9051 §6.3.13: changes are announced as they happen until DONE. Keep-alives stop
   * NAT boxes from dropping the connection; after the longest allowed IDLE the server says BYE.
   */
  static void idle(ImapCommand.Idle command, ImapSession session) throws MailvaultException {
    session.announce(true);
    var limits = session.services().limits();
    var timers = session.services().timers();
    long keepAlive = limits.idleKeepAlive().toMillis();
    ScheduledFuture<?> keepAlives =
        timers.scheduleAtFixedRate(
            () -> session.executor().execute(() -> keepAlive(session)),
            keepAlive,
            keepAlive,
            TimeUnit.MILLISECONDS);
    ScheduledFuture<?> deadline =
        timers.schedule(
            () -> session.executor().execute(() -> idleTooLong(session)),
            limits.maxIdle().toMillis(),
            TimeUnit.MILLISECONDS);
    session.startIdle(new IdleState(command.tag(), keepAlives, deadline));
    session.continuation("idling");
  }

  private static void keepAlive(ImapSession session) {
    if (session.idle() != null) {
      session.untagged("OK Still here");
      session.flush();
    }
  }

  private static void idleTooLong(ImapSession session) {
    IdleState idle = session.endIdle();
    if (idle != null) {
      idle.cancelTimers();
      session.untagged("BYE IDLE lasted too long");
      session.logOut(true);
      session.transport().close();
    }
  }
}
