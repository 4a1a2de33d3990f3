package dev.mailvault.store;

import dev.mailvault.core.access.FolderNotFoundException;
import dev.mailvault.core.access.FolderOperationRefusedException;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.store.sqlite.VaultConnection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** SQL of the folders, subscriptions and vault_meta tables; runs in the caller's transaction. */
final class FolderTable {

  private static final String COLUMNS =
      "id, name, special_use, uid_validity, uid_next, highest_modseq,"
          + " message_count, unseen_count, deleted_count, total_size";

  private FolderTable() {}

  static Optional<FolderRow> find(VaultConnection c, String name) throws SQLException {
    try (ResultSet rows =
        c.bind("SELECT " + COLUMNS + " FROM folders WHERE name = ?", name).executeQuery()) {
      return rows.next() ? Optional.of(row(rows)) : Optional.empty();
    }
  }

  static FolderRow require(VaultConnection c, String name)
      throws SQLException, FolderNotFoundException {
    Optional<FolderRow> row = find(c, name);
    if (row.isEmpty()) {
      throw new FolderNotFoundException(name);
    }
    return row.get();
  }

  /** Every folder, ordered by name. */
  static List<FolderRow> all(VaultConnection c) throws SQLException {
    return list(c, "SELECT " + COLUMNS + " FROM folders ORDER BY name");
  }

  /** {@code name} and every folder below it, ordered by name. */
  static List<FolderRow> subtree(VaultConnection c, String name) throws SQLException {
    List<FolderRow> rows = new ArrayList<>();
    find(c, name).ifPresent(rows::add);
    // '0' follows '/' in byte order, so [name/, name0) holds exactly the names below name.
    try (ResultSet result =
        c.bind(
                "SELECT " + COLUMNS + " FROM folders WHERE name >= ? AND name < ? ORDER BY name",
                name + "/",
                name + "0")
            .executeQuery()) {
      while (result.next()) {
        rows.add(row(result));
      }
    }
    return rows;
  }

  static boolean hasChildren(VaultConnection c, String name) throws SQLException {
    return c.queryLong(
            "SELECT 1 FROM folders WHERE name >= ? AND name < ? LIMIT 1", name + "/", name + "0")
        .isPresent();
  }

  /** Creates a folder with a fresh UIDVALIDITY and returns its id. */
  static long insert(VaultConnection c, String name, String specialUse) throws SQLException {
    c.update(
        "INSERT INTO folders(name, special_use, uid_validity) VALUES (?, ?, ?)",
        name,
        specialUse,
        nextUidValidity(c));
    long id = c.queryLong("SELECT last_insert_rowid()").orElseThrow();
    // A new folder is empty at its first mod-sequence (docs/adr/0212-uidnext-by-modseq.md).
    c.update("INSERT INTO uid_next_log(folder_id, modseq, uid_next) VALUES (?, 1, 1)", id);
    return id;
  }

  /**
   * A UIDVALIDITY never handed out before in this vault: the current time in seconds, or one more
   * than the last one, whichever is larger. So a folder deleted and created again under the same
   * name gets a different value (RFC 9051 §2.3.1.1).
   */
  static long nextUidValidity(VaultConnection c) throws SQLException {
    long last =
        c.queryLong("SELECT value FROM vault_meta WHERE key = 'last_uid_validity'").orElse(0);
    long next = Math.max(System.currentTimeMillis() / 1000, last + 1);
    if (next > UidSet.MAX_UID) {
      throw new SQLException("UIDVALIDITY space exhausted");
    }
    c.update(
        "INSERT INTO vault_meta(key, value) VALUES ('last_uid_validity', ?)"
            + " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        next);
    return next;
  }

  /** Raises the folder's HIGHESTMODSEQ by one and returns the new value (RFC 7162 §3.1). */
  static long nextModseq(VaultConnection c, long folderId) throws SQLException {
    return c.queryLong(
            "UPDATE folders SET highest_modseq = highest_modseq + 1 WHERE id = ?"
                + " RETURNING highest_modseq",
            folderId)
        .orElseThrow();
  }

  /** Where new messages go: their first UID and the MODSEQ they share. */
  record Slot(long firstUid, long modseq) {}

  /**
   * Makes room for {@code count} new messages in one statement: UIDNEXT moves past them,
   * HIGHESTMODSEQ rises by one and the counters take them in.
   */
  static Slot addMessages(
      VaultConnection c, FolderRow folder, int count, long unseen, long deleted, long size)
      throws SQLException, FolderOperationRefusedException {
    Slot slot;
    try (ResultSet r =
        c.bind(
                "UPDATE folders SET uid_next = uid_next + ?, highest_modseq = highest_modseq + 1,"
                    + " message_count = message_count + ?, unseen_count = unseen_count + ?,"
                    + " deleted_count = deleted_count + ?, total_size = total_size + ?"
                    + " WHERE id = ? RETURNING uid_next - ?, highest_modseq",
                count,
                count,
                unseen,
                deleted,
                size,
                folder.id(),
                count)
            .executeQuery()) {
      r.next();
      slot = new Slot(r.getLong(1), r.getLong(2));
    }
    // RFC 9051 §2.3.1.1: UIDs are 32-bit; past the last one the folder takes no more mail.
    if (slot.firstUid() + count - 1 > UidSet.MAX_UID) {
      throw new FolderOperationRefusedException("the folder has run out of UIDs");
    }
    c.update(
        "INSERT INTO uid_next_log(folder_id, modseq, uid_next) VALUES (?, ?, ?)",
        folder.id(),
        slot.modseq(),
        slot.firstUid() + count);
    return slot;
  }

  /**
   * UIDNEXT as it stood at {@code modseq}: every message a client synchronised to {@code modseq}
   * could know has a lower UID. Empty when no record reaches back that far (a mod-sequence from
   * before schema 8): then any UID may be known.
   */
  static OptionalLong uidNextAt(VaultConnection c, long folderId, long modseq) throws SQLException {
    return c.queryLong(
        "SELECT uid_next FROM uid_next_log WHERE folder_id = ? AND modseq <= ?"
            + " ORDER BY modseq DESC LIMIT 1",
        folderId,
        modseq);
  }

  static void adjustCounters(
      VaultConnection c, long folderId, long messages, long unseen, long deleted, long size)
      throws SQLException {
    c.update(
        "UPDATE folders SET message_count = message_count + ?, unseen_count = unseen_count + ?,"
            + " deleted_count = deleted_count + ?, total_size = total_size + ? WHERE id = ?",
        messages,
        unseen,
        deleted,
        size,
        folderId);
  }

  static void rename(VaultConnection c, long folderId, String name) throws SQLException {
    c.update("UPDATE folders SET name = ? WHERE id = ?", name, folderId);
  }

  static void delete(VaultConnection c, long folderId) throws SQLException {
    c.update("DELETE FROM folders WHERE id = ?", folderId);
  }

  static Set<String> subscriptions(VaultConnection c) throws SQLException {
    Set<String> names = new LinkedHashSet<>();
    try (ResultSet rows = c.bind("SELECT name FROM subscriptions ORDER BY name").executeQuery()) {
      while (rows.next()) {
        names.add(rows.getString(1));
      }
    }
    return names;
  }

  static boolean isSubscribed(VaultConnection c, String name) throws SQLException {
    return c.queryLong("SELECT 1 FROM subscriptions WHERE name = ?", name).isPresent();
  }

  /** Returns whether the name was not subscribed before. */
  static boolean subscribe(VaultConnection c, String name) throws SQLException {
    return c.update("INSERT OR IGNORE INTO subscriptions(name) VALUES (?)", name) > 0;
  }

  static boolean unsubscribe(VaultConnection c, String name) throws SQLException {
    return c.update("DELETE FROM subscriptions WHERE name = ?", name) > 0;
  }

  private static List<FolderRow> list(VaultConnection c, String sql) throws SQLException {
    List<FolderRow> rows = new ArrayList<>();
    try (ResultSet result = c.bind(sql).executeQuery()) {
      while (result.next()) {
        rows.add(row(result));
      }
    }
    return rows;
  }

  private static FolderRow row(ResultSet r) throws SQLException {
    return new FolderRow(
        r.getLong(1),
        r.getString(2),
        r.getString(3),
        r.getLong(4),
        r.getLong(5),
        r.getLong(6),
        r.getLong(7),
        r.getLong(8),
        r.getLong(9),
        r.getLong(10));
  }
}
