package dev.mailvault.imap.codec;

import dev.mailvault.core.access.SortCriterion;
import dev.mailvault.core.access.ThreadAlgorithm;
import dev.mailvault.core.mail.Flags;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed IMAP command (RFC 9051 §6, RFC 3501 §6 and the extensions Mailvault offers): immutable,
 * one record per command, so a handler table can switch over it exhaustively.
 */
public sealed interface ImapCommand {

  String tag();

  // RFC 9051 §6.1: any state.
  record Capability(String tag) implements ImapCommand {}

  record Noop(String tag) implements ImapCommand {}

  record Logout(String tag) implements ImapCommand {}

  /** RFC 2971. {@code fields} is {@code null} for {@code ID NIL}. */
  record Id(String tag, Map<String, String> fields) implements ImapCommand {}

  /** RFC 5161. Capability names upper-cased. */
  record Enable(String tag, List<String> capabilities) implements ImapCommand {}

  // RFC 9051 §6.2: not authenticated.
  record StartTls(String tag) implements ImapCommand {}

  /**
   * RFC 9051 §6.2.2 with SASL-IR (RFC 4959).
   *
   * @param initialResponse the base64 initial response as sent ({@code =} for an empty one), or
   *     {@code null} when the client sent none
   */
  record Authenticate(String tag, String mechanism, String initialResponse) implements ImapCommand {
    @Override
    public String toString() {
      return "Authenticate[tag=" + tag + ", mechanism=" + mechanism + ", initialResponse=***]";
    }
  }

  record Login(String tag, String user, String password) implements ImapCommand {
    @Override
    public String toString() {
      return "Login[tag=" + tag + ", user=***, password=***]";
    }
  }

  // RFC 9051 §6.3: authenticated.
  /** SELECT, or EXAMINE when {@code readOnly}. */
  record Select(String tag, String mailbox, boolean readOnly, SelectOptions options)
      implements ImapCommand {}

  /** RFC 9051 §6.3.4 with CREATE-SPECIAL-USE (RFC 6154 §3): {@code USE (\Drafts ...)}. */
  record Create(String tag, String mailbox, List<String> specialUse) implements ImapCommand {}

  record Delete(String tag, String mailbox) implements ImapCommand {}

  record Rename(String tag, String from, String to) implements ImapCommand {}

  record Subscribe(String tag, String mailbox) implements ImapCommand {}

  record Unsubscribe(String tag, String mailbox) implements ImapCommand {}

  /**
   * LIST with LIST-EXTENDED (RFC 5258) and LIST-STATUS (RFC 5819). Options are upper-cased atoms
   * such as {@code SUBSCRIBED}, {@code SPECIAL-USE}, {@code CHILDREN}.
   *
   * @param statusItems the items of {@code RETURN (STATUS (...))}, empty when not asked
   */
  record ListMailboxes(
      String tag,
      String reference,
      List<String> patterns,
      Set<String> selectionOptions,
      Set<String> returnOptions,
      List<StatusItem> statusItems)
      implements ImapCommand {}

  /** RFC 3501 §6.3.9 (rev1 only). */
  record Lsub(String tag, String reference, String pattern) implements ImapCommand {}

  record Namespace(String tag) implements ImapCommand {}

  record Status(String tag, String mailbox, List<StatusItem> items) implements ImapCommand {}

  /** APPEND, with MULTIAPPEND (RFC 3502) when there is more than one message. */
  record Append(String tag, String mailbox, List<AppendMessage> messages) implements ImapCommand {}

  record Idle(String tag) implements ImapCommand {}

  /** RFC 5465 §3: NOTIFY SET [STATUS] with its groups, or NOTIFY NONE ({@code groups} null). */
  record Notify(String tag, boolean status, List<NotifyGroup> groups) implements ImapCommand {}

  /** RFC 9208 §4.2. */
  record GetQuota(String tag, String root) implements ImapCommand {}

  record GetQuotaRoot(String tag, String mailbox) implements ImapCommand {}

  /** RFC 8437. */
  record Unauthenticate(String tag) implements ImapCommand {}

  /** RFC 4978, mechanism upper-cased. */
  record Compress(String tag, String mechanism) implements ImapCommand {}

  // RFC 9051 §6.4: selected.
  /** RFC 3501 §6.4.1 (rev1 only). */
  record Check(String tag) implements ImapCommand {}

  record Close(String tag) implements ImapCommand {}

  record Unselect(String tag) implements ImapCommand {}

  record Expunge(String tag) implements ImapCommand {}

  /** RFC 9051 §6.4.9 (UIDPLUS). */
  record UidExpunge(String tag, SequenceSet uids) implements ImapCommand {}

  /**
   * SEARCH or UID SEARCH.
   *
   * @param charset the CHARSET argument upper-cased, or {@code null}
   * @param returnOptions {@code RETURN (...)} of ESEARCH (RFC 4731, RFC 9051 §6.4.4), upper-cased,
   *     {@code PARTIAL} followed by its range as the next element (RFC 5267 §4.4), or {@code null}
   *     when absent (then the answer is the rev1 {@code * SEARCH})
   */
  record Search(String tag, boolean uid, String charset, List<String> returnOptions, SearchKey key)
      implements ImapCommand {}

  /**
   * SORT or UID SORT (RFC 5256 §3, SORT=DISPLAY RFC 5957, ESORT and CONTEXT=SORT RFC 5267).
   *
   * @param returnOptions {@code RETURN (...)} as for {@link Search}, or {@code null} when absent
   *     (then the answer is {@code * SORT})
   * @param criteria the sort criteria, in order
   * @param charset the charset upper-cased
   */
  record Sort(
      String tag,
      boolean uid,
      List<String> returnOptions,
      List<SortCriterion> criteria,
      String charset,
      SearchKey key)
      implements ImapCommand {}

  /**
   * THREAD or UID THREAD (RFC 5256 §3). Not named {@code Thread}, which would hide {@link
   * java.lang.Thread} wherever the commands are imported.
   */
  record ThreadCommand(
      String tag, boolean uid, ThreadAlgorithm algorithm, String charset, SearchKey key)
      implements ImapCommand {}

  /** CANCELUPDATE (RFC 5267 §4.2): the tags of the searches whose updates end. */
  record CancelUpdate(String tag, List<String> tags) implements ImapCommand {}

  /**
   * FETCH or UID FETCH.
   *
   * @param changedSince the CHANGEDSINCE modifier (RFC 7162 §3.1.4.1), or -1
   * @param vanished the VANISHED modifier (RFC 7162 §3.2.6)
   */
  record Fetch(
      String tag,
      boolean uid,
      SequenceSet set,
      List<FetchItem> items,
      long changedSince,
      boolean vanished)
      implements ImapCommand {}

  /**
   * STORE or UID STORE.
   *
   * @param unchangedSince the UNCHANGEDSINCE modifier (RFC 7162 §3.1.3), or -1
   */
  record Store(
      String tag,
      boolean uid,
      SequenceSet set,
      long unchangedSince,
      StoreMode mode,
      boolean silent,
      Flags flags)
      implements ImapCommand {}

  record Copy(String tag, boolean uid, SequenceSet set, String mailbox) implements ImapCommand {}

  /** RFC 6851. */
  record Move(String tag, boolean uid, SequenceSet set, String mailbox) implements ImapCommand {}

  /** How STORE changes flags (RFC 9051 §6.4.6). */
  enum StoreMode {
    REPLACE,
    ADD,
    REMOVE
  }

  /**
   * One message of APPEND. {@code internalDate} is {@code null} when not given. A CATENATE message
   * (RFC 4469 §5) has its parts in {@code catenate} and an empty {@code content}; any other has an
   * empty {@code catenate}.
   */
  record AppendMessage(
      Flags flags,
      OffsetDateTime internalDate,
      byte[] content,
      boolean binary,
      List<CatenatePart> catenate) {

    public AppendMessage {
      catenate = List.copyOf(catenate);
    }

    public AppendMessage(Flags flags, OffsetDateTime internalDate, byte[] content, boolean binary) {
      this(flags, internalDate, content, binary, List.of());
    }

    @Override
    public String toString() {
      return "AppendMessage[flags="
          + flags
          + ", internalDate="
          + internalDate
          + ", "
          + content.length
          + " bytes, binary="
          + binary
          + ", "
          + catenate.size()
          + " catenate parts]";
    }
  }

  /**
   * Parameters of SELECT/EXAMINE (RFC 7162): CONDSTORE, or QRESYNC with its known UID validity and
   * mod-sequence; {@code knownUids} may be {@code null}.
   */
  record SelectOptions(boolean condstore, QResync qresync) {
    public static final SelectOptions NONE = new SelectOptions(false, null);
  }

  /** RFC 7162 §3.2.5. Optional parts are {@code null}. */
  record QResync(
      long uidValidity,
      long modSeq,
      SequenceSet knownUids,
      SequenceSet knownSequenceNumbers,
      SequenceSet knownSequenceUids) {}

  /** STATUS data items (RFC 9051 §6.3.11, RFC 8438 SIZE, RFC 7162 HIGHESTMODSEQ, RFC 7889). */
  enum StatusItem {
    MESSAGES,
    UIDNEXT,
    UIDVALIDITY,
    UNSEEN,
    DELETED,
    SIZE,
    RECENT,
    HIGHESTMODSEQ,
    APPENDLIMIT,
    /** RFC 8474 §4. */
    MAILBOXID
  }
}
