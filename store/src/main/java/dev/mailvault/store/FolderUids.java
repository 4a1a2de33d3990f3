package dev.mailvault.store;

import dev.mailvault.store.sqlite.VaultConnection;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The UIDs of each folder as last read, shared by every handle on one vault, so that SELECT of a
 * 100,000-message folder copies an array instead of stepping through 100,000 index rows
 * (docs/adr/0229-folder-uid-snapshots.md). A snapshot is used only while the folder row read in the
 * same transaction still has the UIDVALIDITY, UIDNEXT, HIGHESTMODSEQ and message count it was taken
 * at: every write that adds or removes a message of a folder moves its HIGHESTMODSEQ (RFC 7162
 * §3.1.5; {@link FolderTable#addMessages}, {@link FolderTable#nextModseq}), so a snapshot that
 * passes is the folder's UID list in the reader's own view of the database, whichever process wrote
 * it. Thread-safe.
 */
final class FolderUids {

  private record Snapshot(
      long uidValidity, long uidNext, long highestModseq, long messages, long[] uids) {

    boolean matches(FolderRow f) {
      return uidValidity == f.uidValidity()
          && uidNext == f.uidNext()
          && highestModseq == f.highestModseq()
          && messages == f.messages();
    }
  }

  private final ConcurrentHashMap<Long, Snapshot> byFolder = new ConcurrentHashMap<>();

  /** The UIDs of {@code folder}, ascending (a copy the caller owns), read in {@code c}'s view. */
  long[] uids(VaultConnection c, FolderRow folder) throws SQLException {
    Snapshot known = byFolder.get(folder.id());
    if (known != null && known.matches(folder)) {
      return known.uids().clone();
    }
    long[] uids = MessageTable.uids(c, folder.id(), folder.messages());
    Snapshot now =
        new Snapshot(
            folder.uidValidity(),
            folder.uidNext(),
            folder.highestModseq(),
            folder.messages(),
            uids);
    // Two readers in different transactions may race here: keep the later state.
    byFolder.merge(
        folder.id(), now, (old, mine) -> mine.highestModseq() >= old.highestModseq() ? mine : old);
    return uids.clone();
  }
}
