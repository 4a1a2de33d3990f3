package dev.mailvault.core.access;

import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.mail.SystemFlag;
import dev.mailvault.core.mail.UidSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One alias's mail, opened after its password unlocked it: everything a protocol front-end may do
 * with folders and messages (DESIGN §2). Folder names are full, '/'-delimited, UTF-8, with {@code
 * INBOX} always spelled so.
 *
 * <p>Every method may block on storage (or, in a cluster, on the network): protocol handlers call
 * it off their event loops. Changes are announced to {@link VaultListener}s after they commit.
 */
public interface MailboxAccess extends AutoCloseable {

  /**
   * What names this mailbox's storage, the same for every handle on it and never reused by another
   * alias (per-mailbox bookkeeping of the protocols is keyed by it).
   */
  String id();

  List<FolderInfo> listFolders() throws MailvaultException;

  /** The folder's status counters, read without scanning messages. */
  FolderInfo folder(String name) throws MailvaultException;

  /** Creates a folder (and missing parents), with an RFC 6154 special-use attribute or null. */
  FolderInfo createFolder(String name, String specialUse) throws MailvaultException;

  /** Renames a folder with its children; renaming INBOX moves its messages (RFC 9051 §6.3.6). */
  void renameFolder(String from, String to) throws MailvaultException;

  void deleteFolder(String name) throws MailvaultException;

  void subscribe(String name) throws MailvaultException;

  /** Returns whether the name was subscribed. */
  boolean unsubscribe(String name) throws MailvaultException;

  List<String> subscriptions() throws MailvaultException;

  AppendResult append(String folder, NewMessage message) throws MailvaultException;

  /** Appends all or none (MULTIAPPEND, RFC 3502). */
  List<AppendResult> appendAll(String folder, List<NewMessage> messages) throws MailvaultException;

  List<MessageFlags> storeFlags(String folder, UidSet uids, FlagUpdate update)
      throws MailvaultException;

  /**
   * STORE (UNCHANGEDSINCE n) (RFC 7162 §3.1.3): in one transaction, changes the flags of the
   * messages whose MODSEQ is at most {@code unchangedSince} and lists the others as modified.
   */
  ConditionalStore storeFlags(String folder, UidSet uids, FlagUpdate update, long unchangedSince)
      throws MailvaultException;

  CopyResult copy(String from, UidSet uids, String to) throws MailvaultException;

  CopyResult move(String from, UidSet uids, String to) throws MailvaultException;

  /** Expunges every message with {@code \Deleted}. */
  ExpungeResult expunge(String folder) throws MailvaultException;

  /** Expunges the messages of {@code uids} that have {@code \Deleted} (UID EXPUNGE). */
  ExpungeResult expunge(String folder, UidSet uids) throws MailvaultException;

  /** Every UID of the folder, ascending. */
  long[] uids(String folder) throws MailvaultException;

  List<MessageMeta> messages(String folder, UidSet uids) throws MailvaultException;

  /**
   * {@link #messages}, where {@code structure} false lets the store leave ENVELOPE, BODY,
   * BODYSTRUCTURE and the Message-ID empty: a FETCH of flags over a folder need not read them.
   */
  default List<MessageMeta> messages(String folder, UidSet uids, boolean structure)
      throws MailvaultException {
    return messages(folder, uids);
  }

  /**
   * {@link #messages(String, UidSet, boolean)} of the messages whose MODSEQ is above {@code modseq}
   * (RFC 7162 §3.1.4.1 CHANGEDSINCE), ascending.
   */
  List<MessageMeta> changedSince(String folder, UidSet uids, long modseq, boolean structure)
      throws MailvaultException;

  /**
   * The UIDs expunged from the folder after {@code modseq}, ascending (RFC 7162 §3.2.10 VANISHED).
   * Never fewer than were expunged: the log is complete (docs/adr/0211-expunge-log-kept-whole.md).
   */
  List<Long> expungedSince(String folder, long modseq) throws MailvaultException;

  /**
   * UIDNEXT as it stood when the folder's HIGHESTMODSEQ was {@code modseq}: a client synchronised
   * to that mod-sequence can know no UID at or above it (RFC 7162 §3.2.5). Empty when the store
   * keeps no record that old; then the caller must assume any UID may be known.
   */
  OptionalLong uidNextAt(String folder, long modseq) throws MailvaultException;

  /**
   * Every keyword some message of the folder carries: what a client that kept its flags from an
   * earlier session may already show (RFC 9051 §7.3.5 FLAGS). It may also name keywords no message
   * carries any longer (a FLAGS list may; docs/adr/0232-resync-reads-what-changed.md).
   */
  Set<String> keywords(String folder) throws MailvaultException;

  /**
   * The UIDs of the folder's messages that match {@code query}, ascending (SEARCH, RFC 9051
   * §6.4.4). Keys on stored columns run as SQL; header and text keys read only the stored parts
   * they need.
   */
  long[] search(String folder, SearchQuery query) throws MailvaultException;

  /**
   * The UIDs of the folder's messages that match {@code query}, in the order of {@code criteria}
   * (SORT, RFC 5256 §3; RFC 5957); messages equal on every criterion in UID order. The keys are
   * stored with each message, so no message is parsed.
   */
  default long[] sort(String folder, List<SortCriterion> criteria, SearchQuery query)
      throws MailvaultException {
    throw new UnsupportedOperationException("SORT is not offered by this storage");
  }

  /**
   * The folder's messages that match {@code query} as threads (THREAD, RFC 5256 §3), threads and
   * siblings in sent-date order.
   */
  default List<MessageThread> thread(String folder, ThreadAlgorithm algorithm, SearchQuery query)
      throws MailvaultException {
    throw new UnsupportedOperationException("THREAD is not offered by this storage");
  }

  /**
   * The lowest UID without {@code \Seen}, 0 when every message is seen: SELECT's {@code [UNSEEN n]}
   * for IMAP4rev1 clients (RFC 3501 §6.3.1). A store may answer without listing every unseen
   * message.
   */
  default long firstUnseen(String folder) throws MailvaultException {
    long[] unseen = search(folder, new SearchQuery.Flag(SystemFlag.SEEN, false));
    return unseen.length == 0 ? 0 : unseen[0];
  }

  /** The whole message, byte-exact. */
  byte[] fetch(String folder, long uid) throws MailvaultException;

  byte[] fetchRange(String folder, long uid, long offset, int length) throws MailvaultException;

  /** A BODY[section] without its partial (RFC 9051 §6.4.5), e.g. {@code 1.2.MIME}. */
  byte[] fetchSection(String folder, long uid, String section) throws MailvaultException;

  /**
   * The same {@code sections} of several messages, as {@link #fetchSection} reads them, by UID; a
   * message no longer there is left out. The store reads them in one transaction, where one per
   * section cost more than the reading: a FETCH of headers over a screenful of messages is the
   * commonest command a client sends.
   */
  default Map<Long, Map<String, byte[]>> fetchSections(
      String folder, List<Long> uids, List<String> sections) throws MailvaultException {
    Map<Long, Map<String, byte[]>> out = new HashMap<>();
    for (long uid : uids) {
      Map<String, byte[]> read = new HashMap<>();
      try {
        for (String section : sections) {
          read.put(section, fetchSection(folder, uid, section));
        }
      } catch (MessageNotFoundException e) {
        continue;
      }
      out.put(uid, read);
    }
    return out;
  }

  VaultListener.Registration addListener(VaultListener listener);

  /**
   * Waits until this mailbox's listeners have heard every change committed before the call. A
   * session calls it before it tells its client what changed, so that a change another session
   * completed (and answered OK) is never missing from the next command's answer (RFC 9051 §5.2).
   */
  void awaitEvents();

  /** Gives the handle back; the mailbox closes when its last handle is closed and it idles. */
  @Override
  void close();
}
