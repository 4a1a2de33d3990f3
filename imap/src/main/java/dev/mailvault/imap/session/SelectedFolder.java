package dev.mailvault.imap.session;

import dev.mailvault.core.access.MessageFlags;
import dev.mailvault.core.access.VaultEvent;
import dev.mailvault.core.mail.UidSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The session's view of its selected folder (RFC 9051 §2.3.1.2): the message sequence numbers as
 * this client knows them, and the changes other sessions made that it has not been told yet.
 * Sequence numbers only change when the session announces an EXPUNGE or EXISTS, never behind the
 * client's back. Confined to the session's serial executor, except {@link #offer} which the store's
 * event thread calls.
 *
 * <p>The sequence numbers and the {@code \Recent} messages are {@link UidRuns}, not a slot per
 * message: a session that sits in IDLE on a 100,000-message folder keeps a few bytes of them, not
 * 800 KB (docs/adr/0228-selected-folder-as-uid-runs.md).
 */
public final class SelectedFolder {

  private final String name;
  private final boolean readOnly;
  private final long uidValidity;
  private final long selectedAtModseq;
  private final UidRuns uids = new UidRuns();
  private final UidRuns recent = new UidRuns();
  private final Set<String> keywords = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

  private final Object inboxLock = new Object();
  private boolean newMailHint;
  private final List<Long> pendingExpunges = new ArrayList<>();
  private final Map<Long, MessageFlags> pendingFlags = new LinkedHashMap<>();
  private final Map<Long, Long> announcedModseq = new HashMap<>();
  private final Map<Long, MessageFlags> silentlyStored = new HashMap<>();

  /** The highest HIGHESTMODSEQ of this folder's events offered so far (RFC 7162). */
  private long offeredModseq;

  /**
   * The HIGHESTMODSEQ up to which the client has been told every change: what a {@code
   * HIGHESTMODSEQ} response code may say without letting a resync skip an unannounced change.
   */
  private long toldModseq;

  /** SEARCH RETURN (SAVE)'s result, {@code $} (RFC 5182 §2.1): empty until a SAVE, per SELECT. */
  private long[] savedResult = new long[0];

  /** The searches whose results the client asked to keep up to date (RFC 5267 §4). */
  private final SearchContexts contexts = new SearchContexts();

  /** Per UID, the newest MODSEQ of a pending flag change that a later one replaced. */
  private final Map<Long, Long> replacedModseq = new HashMap<>();

  /**
   * @param selectedAtModseq the folder's HIGHESTMODSEQ read before the view existed: a flag change
   *     committed no later than that is already what a FETCH will read, and its event, which the
   *     store delivers on its own thread and may still be in flight, must not be announced
   */
  public SelectedFolder(
      String name, boolean readOnly, long uidValidity, long selectedAtModseq, long[] uids) {
    this.name = name;
    this.readOnly = readOnly;
    this.uidValidity = uidValidity;
    this.selectedAtModseq = selectedAtModseq;
    this.offeredModseq = selectedAtModseq;
    this.toldModseq = selectedAtModseq;
    this.uids.addAll(uids, 0);
  }

  public String name() {
    return name;
  }

  public boolean readOnly() {
    return readOnly;
  }

  public long uidValidity() {
    return uidValidity;
  }

  /** EXISTS as the client knows it. */
  public int exists() {
    return uids.size();
  }

  /** The UID of sequence number {@code seq} (1-based). */
  public long uidAt(int seq) {
    return uids.uidAt(seq);
  }

  /** The sequence number of {@code uid}, or 0 when the client does not know it. */
  public int sequenceOf(long uid) {
    return uids.positionOf(uid);
  }

  /** The largest UID the client knows, 0 when none. */
  public long lastUid() {
    return uids.last();
  }

  /** The UIDs of the client's sequence numbers, ascending (a copy). */
  public long[] uids() {
    return uids.toArray();
  }

  /** The UIDs named by sequence numbers {@code seqs} that exist, ascending. */
  public UidSet uidsOfSequences(UidSet seqs) {
    List<UidSet.Range> found = new ArrayList<>();
    for (UidSet.Range range : seqs.ranges()) {
      found.addAll(uids.atPositions(range.first(), range.last()));
    }
    return new UidSet(found);
  }

  /** The UIDs of {@code set} that the client knows, ascending. */
  public UidSet knownUids(UidSet set) {
    List<UidSet.Range> found = new ArrayList<>();
    for (UidSet.Range range : set.ranges()) {
      found.addAll(uids.within(range.first(), range.last()));
    }
    return new UidSet(found);
  }

  /** RFC 3501 §2.3.2: whether this session was the first to see the message. */
  public boolean isRecent(long uid) {
    return recent.contains(uid);
  }

  public int recentCount() {
    return recent.size();
  }

  /** The {@code \Recent} UIDs, ascending (a copy). */
  public long[] recentUids() {
    return recent.toArray();
  }

  /** The keywords the client has been told of in FLAGS, in order. */
  public List<String> keywords() {
    return List.copyOf(keywords);
  }

  /**
   * Adds {@code seen} to the keywords the client knows; returns whether any was new, so that the
   * session announces FLAGS before it shows one (RFC 9051 §7.3.5).
   */
  public boolean learnKeywords(Collection<String> seen) {
    return keywords.addAll(seen);
  }

  /** The UIDs of the last SEARCH RETURN (SAVE), ascending (RFC 5182). */
  public long[] savedResult() {
    return savedResult.clone();
  }

  /** Replaces {@code $} (RFC 5182 §2.1); a failed SEARCH with SAVE saves the empty set. */
  public void saveResult(long[] uidsAscending) {
    savedResult = uidsAscending.clone();
  }

  /** The SEARCH and SORT results kept up to date for this client (CONTEXT, RFC 5267 §4). */
  public SearchContexts contexts() {
    return contexts;
  }

  /** A snapshot of the UIDs other sessions expunged that the client has not been told of. */
  public List<Long> pendingExpungeUids() {
    synchronized (inboxLock) {
      return List.copyOf(pendingExpunges);
    }
  }

  /** Called from the store's event thread: remembers what the client has to be told. */
  public void offer(VaultEvent event) {
    synchronized (inboxLock) {
      offeredModseq = Math.max(offeredModseq, folderModseq(event));
      if (event instanceof VaultEvent.MessagesAdded added && added.folder().equals(name)) {
        newMailHint = true;
      } else if (event instanceof VaultEvent.MessagesExpunged gone && gone.folder().equals(name)) {
        pendingExpunges.addAll(gone.uids());
      } else if (event instanceof VaultEvent.FlagsChanged changed
          && changed.folder().equals(name)) {
        for (MessageFlags flags : changed.changes()) {
          if (flags.modseq() <= selectedAtModseq) {
            continue;
          }
          MessageFlags before = pendingFlags.get(flags.uid());
          if (before != null) {
            replacedModseq.merge(flags.uid(), Math.min(before.modseq(), flags.modseq()), Math::max);
          }
          pendingFlags.merge(
              flags.uid(), flags, (old, now) -> now.modseq() >= old.modseq() ? now : old);
        }
      }
    }
  }

  /** The folder's HIGHESTMODSEQ after {@code event} if it is about this folder, else 0. */
  private long folderModseq(VaultEvent event) {
    if (event instanceof VaultEvent.MessagesAdded added && added.folder().equals(name)) {
      return added.highestModseq();
    }
    if (event instanceof VaultEvent.MessagesExpunged gone && gone.folder().equals(name)) {
      return gone.highestModseq();
    }
    if (event instanceof VaultEvent.FlagsChanged changed && changed.folder().equals(name)) {
      return changed.highestModseq();
    }
    return 0;
  }

  /** The HIGHESTMODSEQ of the newest event offered so far; read before taking the changes. */
  public long offeredModseq() {
    synchronized (inboxLock) {
      return offeredModseq;
    }
  }

  /** Every change up to {@code modseq} has been told to the client. */
  public void toldThrough(long modseq) {
    toldModseq = Math.max(toldModseq, modseq);
  }

  /**
   * The HIGHESTMODSEQ the client may be told (RFC 7162 §3.1.2.1): every change up to it has been
   * announced, so a later resync from it misses nothing.
   */
  public long toldModseq() {
    return toldModseq;
  }

  /** This session added mail to its own folder: look for it at the next announcement. */
  public void expectNewMail() {
    synchronized (inboxLock) {
      newMailHint = true;
    }
  }

  /** This session told its client the flags of {@code uid} as of {@code modseq}. */
  public void announced(long uid, long modseq) {
    announcedModseq.merge(uid, modseq, Math::max);
  }

  /**
   * This session changed the flags of {@code flags.uid()} with STORE .SILENT: its own event must
   * not come back as a FETCH (RFC 9051 §6.4.6), but a change by another session that committed just
   * before it, and that the client has not heard of, must be told with the flags as they are now,
   * or the client's idea of them would stay wrong.
   */
  public void storedSilently(MessageFlags flags) {
    silentlyStored.merge(
        flags.uid(), flags, (old, now) -> now.modseq() >= old.modseq() ? now : old);
  }

  /** Whether expunges wait to be announced. */
  public boolean hasPendingExpunges() {
    synchronized (inboxLock) {
      return !pendingExpunges.isEmpty();
    }
  }

  /** Whether anything waits to be announced. */
  public boolean hasPending() {
    synchronized (inboxLock) {
      return newMailHint || !pendingExpunges.isEmpty() || !pendingFlags.isEmpty();
    }
  }

  /**
   * Takes the pending expunges for announcement: removes the UIDs the client knows from the view
   * and returns their sequence numbers in the order they must be sent (each one as numbered after
   * the previous removals, RFC 9051 §7.5.1).
   */
  public List<Integer> takeExpunges() {
    return takeExpunged().sequences();
  }

  /** {@link #takeExpunges}, with the UIDs removed (for VANISHED, RFC 7162 §3.2.10). */
  public Expunged takeExpunged() {
    List<Long> gone;
    synchronized (inboxLock) {
      gone = new ArrayList<>(pendingExpunges);
      pendingExpunges.clear();
    }
    return remove(gone);
  }

  /** Removes {@code gone} from the view; returns the EXPUNGE sequence numbers to send. */
  public List<Integer> removeAll(List<Long> gone) {
    return remove(gone).sequences();
  }

  /**
   * What leaving the view took away.
   *
   * @param sequences the EXPUNGE sequence numbers, in the order they must be sent
   * @param uids the UIDs removed, ascending
   */
  public record Expunged(List<Integer> sequences, List<Long> uids) {}

  /** Removes {@code gone} from the view: the EXPUNGE numbers to send and the UIDs removed. */
  public Expunged remove(List<Long> gone) {
    List<Integer> sequences = new ArrayList<>();
    List<Long> removed = new ArrayList<>();
    for (long uid : new TreeSet<>(gone).descendingSet()) {
      int seq = uids.remove(uid);
      if (seq > 0) {
        recent.remove(uid);
        announcedModseq.remove(uid);
        silentlyStored.remove(uid);
        sequences.add(seq);
        removed.add(uid);
      }
    }
    Collections.reverse(removed);
    return new Expunged(sequences, removed);
  }

  /** Whether the store may hold mail this view lacks; clears the hint. */
  public boolean takeNewMailHint() {
    synchronized (inboxLock) {
      boolean hint = newMailHint;
      newMailHint = false;
      return hint;
    }
  }

  /**
   * This session is the first to see the messages above {@code claimedBefore}: they are {@code
   * \Recent} to it (RFC 3501 §2.3.2).
   */
  public void markRecentAbove(long claimedBefore) {
    // Recent UIDs only grow: those above the last one already marked are the new ones.
    long above = Math.max(claimedBefore, recent.last());
    if (above >= UidSet.MAX_UID) {
      return;
    }
    for (UidSet.Range range : uids.within(above + 1, UidSet.MAX_UID)) {
      for (long uid = range.first(); uid <= range.last(); uid++) {
        recent.add(uid);
      }
    }
  }

  /**
   * Adds the folder's UIDs above the last known one to the view (new mail, in UID order).
   *
   * @param storeUids every UID the folder holds now, ascending
   * @return how many were added
   */
  public int addNew(long[] storeUids) {
    int from = Arrays.binarySearch(storeUids, lastUid());
    int start = from >= 0 ? from + 1 : -from - 1;
    int added = storeUids.length - start;
    if (added <= 0) {
      return 0;
    }
    uids.addAll(storeUids, start);
    return added;
  }

  /** Flag changes other sessions made to messages the client knows, not yet announced. */
  public List<MessageFlags> takeFlagChanges() {
    List<MessageFlags> changes;
    Map<Long, Long> replaced;
    synchronized (inboxLock) {
      changes = new ArrayList<>(pendingFlags.values());
      pendingFlags.clear();
      replaced = new HashMap<>(replacedModseq);
      replacedModseq.clear();
    }
    List<MessageFlags> result = new ArrayList<>();
    for (MessageFlags change : changes) {
      MessageFlags silent = silentlyStored.get(change.uid());
      if (silent != null && silent.modseq() < change.modseq()) {
        silentlyStored.remove(change.uid());
      } else if (silent != null) {
        // Events come in commit order: the equal one is this session's own (possibly merged over
        // older ones) and the last that can mask any; older ones are changes made before it, by
        // other sessions or by this one's own announced STOREs. Only a change the client has not
        // been told of makes the silent store's flags worth a FETCH.
        boolean own = silent.modseq() == change.modseq();
        if (own) {
          silentlyStored.remove(change.uid());
        }
        Long hidden = own ? replaced.get(change.uid()) : Long.valueOf(change.modseq());
        Long told = announcedModseq.get(change.uid());
        if (hidden != null && sequenceOf(change.uid()) > 0 && (told == null || told < hidden)) {
          result.add(silent);
        }
        announcedModseq.merge(change.uid(), silent.modseq(), Math::max);
        continue;
      }
      Long told = announcedModseq.get(change.uid());
      if (sequenceOf(change.uid()) > 0 && (told == null || told < change.modseq())) {
        result.add(change);
        announcedModseq.put(change.uid(), change.modseq());
      }
    }
    return result;
  }
}
