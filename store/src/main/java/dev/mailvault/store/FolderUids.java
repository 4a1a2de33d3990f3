package dev.mailvault.store;

import dev.mailvault.store.sqlite.VaultConnection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The UIDs of folders as last read, kept by the vault store across sessions, so that SELECT of a
 * 100,000-message folder copies an array instead of stepping through 100,000 index rows
 * (docs/adr/0229-folder-uid-snapshots.md). A snapshot is used only while the folder row read in the
 * same transaction still has the UIDVALIDITY, UIDNEXT, HIGHESTMODSEQ and message count it was taken
 * at: every write that adds or removes a message of a folder moves its HIGHESTMODSEQ (RFC 7162
 * §3.1.5; {@link FolderTable#addMessages}, {@link FolderTable#nextModseq}), so a snapshot that
 * passes is the folder's UID list in the reader's own view of the database, whichever process wrote
 * it. A vault replaced from a backup or deleted loses its snapshots ({@link #forget}), since its
 * history may then repeat those numbers with other UIDs. A snapshot of an earlier state of the same
 * UIDVALIDITY is brought forward rather than read again: less what the expunge log says left since,
 * plus the UIDs from its UIDNEXT on (docs/adr/0232-resync-reads-what-changed.md). The least
 * recently used snapshots go first once the store holds more than its budget of UIDs. Thread-safe.
 */
final class FolderUids {

  private record Key(String vault, long folder) {}

  private record Snapshot(
      long uidValidity, long uidNext, long highestModseq, long messages, long[] uids) {

    boolean matches(FolderRow f) {
      return uidValidity == f.uidValidity()
          && uidNext == f.uidNext()
          && highestModseq == f.highestModseq()
          && messages == f.messages();
    }
  }

  private final long maxUids;
  private final LinkedHashMap<Key, Snapshot> snapshots = new LinkedHashMap<>(16, 0.75f, true);
  private long held;

  /**
   * @param maxUids how many UIDs all snapshots together may hold (8 bytes each)
   */
  FolderUids(long maxUids) {
    this.maxUids = maxUids;
  }

  /** The UIDs of {@code folder} of vault {@code vault}, ascending (a copy the caller owns). */
  long[] uids(String vault, VaultConnection c, FolderRow folder) throws SQLException {
    Key key = new Key(vault, folder.id());
    Snapshot known = get(key);
    if (known != null && known.matches(folder)) {
      return known.uids().clone();
    }
    long[] uids = known != null ? caughtUp(c, folder, known) : null;
    if (uids == null) {
      uids = MessageTable.uids(c, folder.id(), folder.messages());
    }
    put(
        key,
        new Snapshot(
            folder.uidValidity(),
            folder.uidNext(),
            folder.highestModseq(),
            folder.messages(),
            uids));
    return uids.clone();
  }

  /**
   * {@code known} brought forward to {@code folder}'s state, or null when it cannot be: the UIDs
   * expunged since its HIGHESTMODSEQ leave (the expunge log is kept whole, ADR 0211), the UIDs from
   * its UIDNEXT on join (a folder's UIDs only grow, RFC 9051 §2.3.1.1). A list that does not come
   * to the folder's message count is not trusted (docs/adr/0232-resync-reads-what-changed.md).
   */
  private static long[] caughtUp(VaultConnection c, FolderRow folder, Snapshot known)
      throws SQLException {
    if (known.uidValidity() != folder.uidValidity()
        || known.highestModseq() > folder.highestModseq()
        || known.uidNext() > folder.uidNext()) {
      return null;
    }
    List<Long> gone = MessageTable.expungedSince(c, folder.id(), known.highestModseq());
    long[] added = MessageTable.uidsFrom(c, folder.id(), known.uidNext());
    long[] old = known.uids();
    long[] uids = new long[old.length + added.length];
    int n = 0;
    int g = 0;
    for (long uid : old) {
      while (g < gone.size() && gone.get(g) < uid) {
        g++;
      }
      if (g < gone.size() && gone.get(g) == uid) {
        continue;
      }
      uids[n++] = uid;
    }
    System.arraycopy(added, 0, uids, n, added.length);
    n += added.length;
    return n == folder.messages() ? Arrays.copyOf(uids, n) : null;
  }

  /** Drops every snapshot of {@code vault}. */
  synchronized void forget(String vault) {
    Iterator<Map.Entry<Key, Snapshot>> it = snapshots.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Key, Snapshot> e = it.next();
      if (e.getKey().vault().equals(vault)) {
        held -= e.getValue().uids().length;
        it.remove();
      }
    }
  }

  private synchronized Snapshot get(Key key) {
    return snapshots.get(key);
  }

  private synchronized void put(Key key, Snapshot now) {
    Snapshot old = snapshots.get(key);
    // Two readers in different transactions may race here: keep the later state.
    if (old != null && old.highestModseq() > now.highestModseq()) {
      return;
    }
    if (old != null) {
      held -= old.uids().length;
    }
    snapshots.put(key, now);
    held += now.uids().length;
    Iterator<Snapshot> eldest = snapshots.values().iterator();
    while (held > maxUids && eldest.hasNext()) {
      held -= eldest.next().uids().length;
      eldest.remove();
    }
  }
}
