package dev.mailvault.store;

import dev.mailvault.store.sqlite.VaultConnection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The keywords in use in folders, kept by the vault store across sessions so that a QRESYNC
 * re-select, whose FLAGS must name every keyword a client may hold (RFC 9051 §7.3.5), reads only
 * the messages changed since the list was last read instead of every message of the folder
 * (docs/adr/0232-resync-reads-what-changed.md). A list read at one HIGHESTMODSEQ is brought forward
 * by the keywords of the messages with a higher MODSEQ: every write that sets keywords or adds a
 * message moves the message's MODSEQ. A keyword whose last message lost it or left stays listed
 * until the list is read again whole, as in Dovecot's keyword list, which only grows: FLAGS may
 * name a flag no message has. A list is read whole again when the folder's UIDVALIDITY changed,
 * when the store let it go (the least recently used beyond {@code maxFolders}), and after the vault
 * was replaced or deleted ({@link #forget}). Thread-safe.
 */
final class FolderKeywords {

  private record Key(String vault, long folder) {}

  private record Snapshot(long uidValidity, long highestModseq, Set<String> keywords) {}

  private final int maxFolders;
  private final LinkedHashMap<Key, Snapshot> snapshots = new LinkedHashMap<>(16, 0.75f, true);

  /**
   * @param maxFolders how many folders' lists the store keeps
   */
  FolderKeywords(int maxFolders) {
    this.maxFolders = maxFolders;
  }

  /** The keywords of {@code folder} of vault {@code vault}, case-insensitively ordered. */
  Set<String> keywords(String vault, VaultConnection c, FolderRow folder) throws SQLException {
    Key key = new Key(vault, folder.id());
    Snapshot known = get(key);
    Set<String> keywords = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    if (known != null
        && known.uidValidity() == folder.uidValidity()
        && known.highestModseq() <= folder.highestModseq()) {
      keywords.addAll(known.keywords());
      if (known.highestModseq() < folder.highestModseq()) {
        keywords.addAll(MessageTable.keywordsSince(c, folder.id(), known.highestModseq()));
      }
    } else {
      keywords.addAll(MessageTable.keywords(c, folder.id()));
    }
    Set<String> kept = Collections.unmodifiableSet(keywords);
    put(key, new Snapshot(folder.uidValidity(), folder.highestModseq(), kept));
    return kept;
  }

  /** Drops every list of {@code vault}. */
  synchronized void forget(String vault) {
    snapshots.keySet().removeIf(k -> k.vault().equals(vault));
  }

  private synchronized Snapshot get(Key key) {
    return snapshots.get(key);
  }

  private synchronized void put(Key key, Snapshot now) {
    Snapshot old = snapshots.get(key);
    // Two readers in different transactions may race here: keep the later state.
    if (old != null
        && old.uidValidity() == now.uidValidity()
        && old.highestModseq() > now.highestModseq()) {
      return;
    }
    snapshots.put(key, now);
    Iterator<Map.Entry<Key, Snapshot>> eldest = snapshots.entrySet().iterator();
    while (snapshots.size() > maxFolders && eldest.hasNext()) {
      eldest.next();
      eldest.remove();
    }
  }
}
