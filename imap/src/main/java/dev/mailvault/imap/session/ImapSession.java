package dev.mailvault.imap.session;

import dev.mailvault.core.access.MailboxAccess;
import dev.mailvault.core.access.MessageFlags;
import dev.mailvault.core.access.VaultEvent;
import dev.mailvault.core.access.VaultListener;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.imap.codec.FetchItem;
import dev.mailvault.imap.codec.ImapResponse;
import dev.mailvault.imap.codec.ImapResponse.Condition;
import dev.mailvault.imap.codec.NameEncoding;
import dev.mailvault.imap.codec.ResponseCode;
import dev.mailvault.imap.codec.ResponseEncoder;
import dev.mailvault.imap.codec.ResponseWriter;
import dev.mailvault.protocol.exec.SerialExecutor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One IMAP connection's state (RFC 9051 §3): who is logged in, which mailbox is open, which folder
 * is selected and what the client has been told about it. Confined to the connection's {@link
 * SerialExecutor}: handlers run one at a time, never on an event loop.
 */
public final class ImapSession {

  /** Untagged output is flushed once this much is buffered, so a large FETCH streams. */
  private static final int FLUSH_EVERY = 64 * 1024;

  private static final ResponseEncoder ENCODER = new ResponseEncoder();

  /** The system flags a client may store (RFC 9051 §2.3.2); \Recent is not one of them. */
  private static final List<String> SYSTEM_FLAGS =
      List.of("\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft");

  private static final Logger LOG = LoggerFactory.getLogger(ImapSession.class);

  private final ImapServices services;
  private final Transport transport;
  private final SerialExecutor executor;
  private final CommandTable table;
  private final CommandDispatcher dispatcher;

  // Volatile: the connection's event loop reads it to pick the literal limits (ADR 0167).
  private volatile SessionState state = SessionState.NOT_AUTHENTICATED;
  private final Set<String> enabled = new HashSet<>();
  private EmailAddress user;
  private MailboxAccess mailbox;
  private VaultListener.Registration registration;
  private volatile SelectedFolder selected;

  /** Read by the store's event thread to decide whether to announce at once. */
  private volatile IdleState idle;

  /** NOTIFY SET's configuration (RFC 5465), or null; read by the store's event thread. */
  private volatile NotifyState notify;

  private int unflushed;
  private boolean expungesAllowed = true;

  public ImapSession(
      ImapServices services, Transport transport, SerialExecutor executor, CommandTable table) {
    this.services = services;
    this.transport = transport;
    this.executor = executor;
    this.table = table;
    this.dispatcher = new CommandDispatcher(this);
  }

  /** Runs the framed commands of this session. */
  public CommandDispatcher dispatcher() {
    return dispatcher;
  }

  // ---------------------------------------------------------------- state

  public ImapServices services() {
    return services;
  }

  public Transport transport() {
    return transport;
  }

  public SerialExecutor executor() {
    return executor;
  }

  public CommandTable table() {
    return table;
  }

  public SessionState state() {
    return state;
  }

  public EmailAddress user() {
    return user;
  }

  /** The logged-in alias's mail; only in AUTHENTICATED and SELECTED. */
  public MailboxAccess mailbox() {
    return mailbox;
  }

  public SelectedFolder selected() {
    return selected;
  }

  /** Whether {@code ENABLE IMAP4rev2} was given: rev2 behaviour from then on (RFC 9051 §6.3.1). */
  public boolean rev2() {
    return enabled.contains("IMAP4REV2");
  }

  /** Whether UTF-8 may be sent and is read in names (IMAP4rev2 or UTF8=ACCEPT, RFC 6855). */
  public boolean utf8() {
    return rev2() || enabled.contains("UTF8=ACCEPT");
  }

  public NameEncoding nameEncoding() {
    return utf8() ? NameEncoding.UTF8 : NameEncoding.MODIFIED_UTF7;
  }

  /**
   * Whether CONDSTORE is enabled (RFC 7162 §3.1): by ENABLE, or by the first command that uses it.
   * From then on flag changes carry MODSEQ and SELECT reports HIGHESTMODSEQ.
   */
  public boolean condstore() {
    return enabled.contains("CONDSTORE");
  }

  /** Whether ENABLE QRESYNC was given (RFC 7162 §3.2.3): expunges are told as VANISHED. */
  public boolean qresync() {
    return enabled.contains("QRESYNC");
  }

  /**
   * A CONDSTORE-enabling command ran (RFC 7162 §3.1: SELECT/EXAMINE (CONDSTORE), FETCH MODSEQ or
   * CHANGEDSINCE, STORE UNCHANGEDSINCE, SEARCH MODSEQ, STATUS HIGHESTMODSEQ, ENABLE). The first one
   * issued with a folder selected tells that folder's HIGHESTMODSEQ, as RFC 7162 §3.1 asks.
   */
  public void enableCondstore() {
    if (enabled.add("CONDSTORE") && selected != null) {
      ok(null, highestModseq(selected), "Highest");
    }
  }

  /** {@code HIGHESTMODSEQ n} with what the client has been told of {@code view} (RFC 7162). */
  public static ResponseCode highestModseq(SelectedFolder view) {
    return new ResponseCode("HIGHESTMODSEQ", Long.toString(view.toldModseq()));
  }

  public Set<String> enabled() {
    return Set.copyOf(enabled);
  }

  public boolean enable(String capability) {
    return enabled.add(capability);
  }

  /** The alias is unlocked and its mail open: AUTHENTICATED. */
  public void loggedIn(EmailAddress user, MailboxAccess mailbox) {
    this.user = user;
    this.mailbox = mailbox;
    this.registration =
        mailbox.addListener(
            event -> {
              if (event instanceof VaultEvent.VaultReplaced) {
                executor.execute(this::endBecauseReplaced);
                return;
              }
              SelectedFolder view = selected;
              boolean news = false;
              if (view != null) {
                view.offer(event);
                news = true;
              }
              NotifyState watching = notify;
              if (watching != null && watching.offer(event)) {
                news = true;
              }
              if (news && idle != null) {
                executor.execute(this::announceWhileIdle);
              }
            });
    state = SessionState.AUTHENTICATED;
  }

  /**
   * The vault was restored from a backup, or is being purged, under this session: its handle is
   * closed and every UID the client holds may be stale. RFC 9051 §7.1.5 lets the server end the
   * connection with BYE; UNAVAILABLE (RFC 5530 §3) says it is temporary, so clients log in again
   * and resync (docs/adr/0124-restore-ends-sessions.md).
   */
  private void endBecauseReplaced() {
    if (state == SessionState.LOGOUT || mailbox == null) {
      return;
    }
    status(
        null,
        Condition.BYE,
        ResponseCode.UNAVAILABLE,
        "Mailbox restored or removed by the administrator; log in again");
    flush();
    transport.close();
  }

  /** SELECT/EXAMINE succeeded. */
  public void select(SelectedFolder folder) {
    selected = folder;
    state = SessionState.SELECTED;
  }

  /** CLOSE, UNSELECT, or a failed SELECT: back to AUTHENTICATED. */
  public void unselect() {
    selected = null;
    if (state == SessionState.SELECTED) {
      state = SessionState.AUTHENTICATED;
    }
  }

  /** UNAUTHENTICATE (RFC 8437) or the end of the connection: gives the mailbox back. */
  public void logOut(boolean connectionEnds) {
    selected = null;
    if (registration != null) {
      registration.close();
      registration = null;
    }
    if (mailbox != null) {
      mailbox.close();
      mailbox = null;
    }
    user = null;
    notify = null;
    enabled.clear();
    state = connectionEnds ? SessionState.LOGOUT : SessionState.NOT_AUTHENTICATED;
  }

  // ---------------------------------------------------------------- output

  /** A writer for one response line, in this session's string and name encoding. */
  public ResponseWriter writer() {
    return new ResponseWriter(utf8());
  }

  public void send(ResponseWriter line) {
    send(line.toBytes());
  }

  public void send(byte[] bytes) {
    transport.write(bytes);
    unflushed += bytes.length;
    if (unflushed >= FLUSH_EVERY) {
      flush();
    }
  }

  public void flush() {
    unflushed = 0;
    transport.flush();
  }

  /** {@code * text} */
  public void untagged(String text) {
    send(("* " + text + "\r\n").getBytes(StandardCharsets.UTF_8));
  }

  public void ok(String tag, String text) {
    status(tag, Condition.OK, null, text);
  }

  public void ok(String tag, ResponseCode code, String text) {
    status(tag, Condition.OK, code, text);
  }

  public void no(String tag, ResponseCode code, String text) {
    status(tag, Condition.NO, code, text);
  }

  public void bad(String tag, String text) {
    status(tag, Condition.BAD, null, text);
  }

  /** A status response; {@code tag} null writes it untagged. */
  public void status(String tag, Condition condition, ResponseCode code, String text) {
    send(ENCODER.encode(new ImapResponse.Status(tag, condition, code, text)));
  }

  /** {@code + text}: a continuation request (RFC 9051 §7.5). */
  public void continuation(String text) {
    send(ENCODER.encode(new ImapResponse.Continuation(text)));
    flush();
  }

  // ---------------------------------------------------------------- announcements

  /** The dispatcher starts a command: whether EXPUNGE may be announced at its end. */
  void beginCommand(boolean expungesAllowed) {
    this.expungesAllowed = expungesAllowed;
  }

  /** Announces the selected folder's changes, then the tagged OK (RFC 9051 §7.4.1). */
  public void done(String tag, ResponseCode code, String text) throws MailvaultException {
    announce(expungesAllowed);
    ok(tag, code == null ? heldBackHighestModseq() : code, text);
  }

  /**
   * RFC 7162 §3.2 as corrected by erratum 1810: a command that may not announce an expunge (FETCH,
   * STORE, SEARCH) may still have sent a MODSEQ above it, and a client that caches its view takes
   * the highest MODSEQ it saw as its resync point, so the tagged OK names the lower HIGHESTMODSEQ
   * the client was told everything through; a later resync from it still reports the expunge.
   */
  private ResponseCode heldBackHighestModseq() {
    SelectedFolder view = selected;
    return condstore() && view != null && view.hasPendingExpunges() ? highestModseq(view) : null;
  }

  public void done(String tag, String text) throws MailvaultException {
    done(tag, null, text);
  }

  /** Announces what it can; a store failure here only delays the news to the next command. */
  public void announceQuietly() {
    try {
      announce(expungesAllowed);
    } catch (MailvaultException | RuntimeException e) {
      LOG.debug("announcement postponed: {}", e.getClass().getName());
    }
  }

  /**
   * Tells the client what changed in the selected folder (RFC 9051 §7.4.1, §5.2): new messages as
   * EXISTS (and RECENT for rev1), flag changes as FETCH, and expunges when {@code expungesAllowed}.
   * Called before a command's tagged completion and during IDLE.
   */
  public void announce(boolean expungesAllowed) throws MailvaultException {
    SelectedFolder view = selected;
    NotifyState watching = notify;
    if (view == null && watching == null) {
      return;
    }
    // A change another session completed before this command must be in its answer (RFC 9051
    // §5.2, §7.5.1): its event may still be on the store's delivery thread
    // (docs/adr/0160-changes-visible-at-the-next-command.md).
    mailbox.awaitEvents();
    if (watching != null) {
      NotifyAnnouncer.announce(this, watching, view);
    }
    if (view == null) {
      return;
    }
    long offered = view.offeredModseq();
    boolean viewChanged = false;
    if (expungesAllowed) {
      beforeExpunge(view.pendingExpungeUids());
      SelectedFolder.Expunged gone = view.takeExpunged();
      tellExpunged(gone);
      viewChanged = !gone.uids().isEmpty();
    }
    if (view.takeNewMailHint()) {
      int added = view.addNew(mailbox.uids(view.name()));
      if (added > 0) {
        viewChanged = true;
        claimRecent(view);
        untagged(view.exists() + " EXISTS");
        if (!rev2()) {
          untagged(view.recentCount() + " RECENT");
        }
        List<FetchItem> items = watching == null ? List.of() : watching.newMessageItems();
        if (!items.isEmpty()) {
          NewMessageFetch.send(this, view, items, view.exists() - added + 1);
        }
      }
    }
    // With CONDSTORE a FETCH names a MODSEQ: one above an expunge the client has not been told of
    // would let it resync past that expunge, so flag news waits until the expunge can be told.
    List<MessageFlags> changes =
        condstore() && !expungesAllowed && view.hasPendingExpunges()
            ? List.of()
            : view.takeFlagChanges();
    for (MessageFlags change : changes) {
      int seq = view.sequenceOf(change.uid());
      if (seq > 0) {
        announceKeywords(change.flags());
        ResponseWriter line = writer().untagged().number(seq).atom(" FETCH (");
        line.atom("UID ").number(change.uid()).atom(" FLAGS ");
        writeFlags(line, change.uid(), change.flags());
        if (condstore()) {
          // RFC 7162 §3.1: unsolicited FETCH responses carry MODSEQ once CONDSTORE is enabled.
          line.atom(" MODSEQ (").number(change.modseq()).atom(")");
        }
        send(line.close().crlf());
      }
    }
    // RFC 5267 §4.3: searches with UPDATE learn what this announcement changed.
    if (!view.contexts().isEmpty()) {
      for (byte[] update : view.contexts().refresh(mailbox, view)) {
        send(update);
      }
    }
    // Everything offered before the changes were taken is told now, unless an expunge had to wait
    // (RFC 9051 §7.5.1): a HIGHESTMODSEQ past it would let a resync skip it.
    if (expungesAllowed || !view.hasPendingExpunges()) {
      long before = view.toldModseq();
      view.toldThrough(offered);
      if (condstore() && viewChanged && view.toldModseq() > before) {
        // An EXISTS or VANISHED raises HIGHESTMODSEQ with no FETCH to carry it: say it, so a
        // client that caches its view resyncs from what it really knows (RFC 7162 §3.1.2.1).
        ok(null, highestModseq(view), "Highest");
      }
    }
  }

  /**
   * Tells the client that messages left its view: one {@code EXPUNGE} per message (RFC 9051
   * §7.5.1), or, once QRESYNC is enabled, one {@code VANISHED} with their UIDs (RFC 7162 §3.2.10).
   */
  public void tellExpunged(SelectedFolder.Expunged gone) {
    if (gone.uids().isEmpty()) {
      return;
    }
    if (qresync()) {
      untagged("VANISHED " + ResponseCode.format(UidSet.of(gone.uids())));
      return;
    }
    for (int seq : gone.sequences()) {
      untagged(seq + " EXPUNGE");
    }
  }

  /**
   * Before the client is told that {@code uids} were expunged: searches with UPDATE send their
   * REMOVEFROM while the sequence numbers still name the messages (RFC 5267 §4.3).
   */
  public void beforeExpunge(java.util.Collection<Long> uids) {
    SelectedFolder view = selected;
    if (view == null || view.contexts().isEmpty() || uids.isEmpty()) {
      return;
    }
    for (byte[] update : view.contexts().expunging(uids, view)) {
      send(update);
    }
  }

  /**
   * Marks as {@code \Recent} the messages of the view no session saw before this one (RFC 3501
   * §2.3.2); a read-write view claims them, so no other session sees them as recent. A read-only
   * view (EXAMINE) only looks, as RFC 3501 §6.3.2 keeps EXAMINE from changing the mailbox's state.
   */
  public void claimRecent(SelectedFolder view) {
    RecentClaims claims = services.recent();
    long before =
        view.readOnly()
            ? claims.claimedThrough(mailbox.id(), view.name(), view.uidValidity())
            : claims.claim(mailbox.id(), view.name(), view.uidValidity(), view.lastUid());
    view.markRecentAbove(before);
  }

  /** A FLAGS list, with \Recent for rev1 sessions on messages recent to this session. */
  public void writeFlags(ResponseWriter line, long uid, Flags flags) {
    SelectedFolder view = selected;
    line.flags(flags, !rev2() && view != null && view.isRecent(uid));
  }

  /**
   * Before a FETCH shows {@code flags}: a keyword the client has not been told of in this folder is
   * announced first in FLAGS and PERMANENTFLAGS (RFC 9051 §7.3.5, §7.1), since a client may reject
   * or drop a keyword it was not told the folder has. Call it before the FETCH line is sent.
   */
  public void announceKeywords(Flags flags) {
    SelectedFolder view = selected;
    if (view != null && !flags.keywords().isEmpty() && view.learnKeywords(flags.keywords())) {
      sendFlagLists(view);
    }
  }

  /** {@code * FLAGS} and {@code * OK [PERMANENTFLAGS]} of the selected folder. */
  private void sendFlagLists(SelectedFolder view) {
    sendFlags(view);
    sendPermanentFlags(view);
  }

  /** {@code * FLAGS}: the system flags and the keywords the client knows (RFC 9051 §7.3.5). */
  public void sendFlags(SelectedFolder view) {
    untagged("FLAGS (" + knownFlags(view) + ")");
  }

  /** {@code * OK [PERMANENTFLAGS]}: none when read-only, else any keyword too (RFC 9051 §7.1). */
  public void sendPermanentFlags(SelectedFolder view) {
    ok(
        null,
        new ResponseCode(
            "PERMANENTFLAGS", view.readOnly() ? "()" : "(" + knownFlags(view) + " \\*)"),
        view.readOnly() ? "No permanent flags permitted" : "Flags permitted");
  }

  private static String knownFlags(SelectedFolder view) {
    List<String> names = new ArrayList<>(SYSTEM_FLAGS);
    names.addAll(view.keywords());
    return String.join(" ", names);
  }

  // ---------------------------------------------------------------- NOTIFY

  /** NOTIFY SET (RFC 5465 §3) replaces the configuration; null is NOTIFY NONE. */
  public void notifications(NotifyState state) {
    notify = state;
  }

  // ---------------------------------------------------------------- IDLE

  /** The IDLE in progress, or null. */
  public IdleState idle() {
    return idle;
  }

  public void startIdle(IdleState state) {
    this.idle = state;
  }

  public IdleState endIdle() {
    IdleState ended = idle;
    idle = null;
    return ended;
  }

  private void announceWhileIdle() {
    if (idle == null) {
      return;
    }
    try {
      announce(true);
    } catch (MailvaultException e) {
      // The client hears of the change at its next command; nothing is lost.
    }
    flush();
  }
}
