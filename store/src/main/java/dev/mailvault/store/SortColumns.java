package dev.mailvault.store;

import dev.mailvault.core.sort.SortKeys;
import dev.mailvault.store.sqlite.VaultConnection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The SORT and THREAD columns of a message row (vault schema 9): written with the row, copied with
 * it, and computed for rows stored before schema 9 when their folder is first sorted or threaded
 * (docs/adr/0215-stored-sort-and-thread-keys.md). Runs in the caller's transaction.
 */
final class SortColumns {

  /** The column names, in the order of {@link #withKeys}. */
  static final String NAMES =
      "sort_date, sort_subject, subject_reply, sort_from, sort_to, sort_cc, display_from,"
          + " display_to, thread_id, thread_refs";

  static final String PLACEHOLDERS = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?";

  /**
   * Rows whose keys are computed per write transaction, so a large old folder never holds the
   * writer long.
   */
  static final int BACKFILL_CHUNK = 2000;

  private SortColumns() {}

  static SortKeys keys(
      String subject, String envelope, String messageId, String inReplyTo, String references) {
    return SortKeys.of(subject, envelope, messageId, inReplyTo, references);
  }

  /**
   * {@code values} followed by the sort columns' values.
   *
   * @param sortDate the sent date, or the internal date when the message has none (RFC 5256 §3
   *     DATE)
   */
  static Object[] withKeys(Object[] values, SortKeys keys, Instant sortDate) {
    Object[] all = Arrays.copyOf(values, values.length + 10);
    int i = values.length;
    all[i++] = MessageTable.isoSeconds(sortDate);
    all[i++] = keys.subject();
    all[i++] = keys.subjectIsReply() ? 1 : 0;
    all[i++] = keys.from();
    all[i++] = keys.to();
    all[i++] = keys.cc();
    all[i++] = keys.displayFrom();
    all[i++] = keys.displayTo();
    all[i++] = keys.messageId();
    all[i] = keys.references();
    return all;
  }

  /** Whether rows of the folder still wait for their keys (the partial index answers). */
  static boolean pending(VaultConnection c, long folderId) throws SQLException {
    return c.queryLong(
            "SELECT 1 FROM messages WHERE folder_id = ? AND sort_date IS NULL LIMIT 1", folderId)
        .isPresent();
  }

  /**
   * Computes the keys of up to {@link #BACKFILL_CHUNK} rows of the folder stored before schema 9,
   * from their stored subject, ENVELOPE and threading headers. Returns how many it filled.
   */
  static int backfill(VaultConnection c, long folderId) throws SQLException {
    record Old(
        long id,
        String subject,
        String envelope,
        String messageId,
        String inReplyTo,
        String references,
        String sentDate,
        String internalDate) {}
    List<Old> rows = new ArrayList<>();
    try (ResultSet r =
        c.bind(
                "SELECT id, subject, envelope, message_id, in_reply_to, references_hdr, sent_date,"
                    + " internal_date FROM messages"
                    + " WHERE folder_id = ? AND sort_date IS NULL LIMIT ?",
                folderId,
                BACKFILL_CHUNK)
            .executeQuery()) {
      while (r.next()) {
        rows.add(
            new Old(
                r.getLong(1),
                r.getString(2),
                r.getString(3),
                r.getString(4),
                r.getString(5),
                r.getString(6),
                r.getString(7),
                r.getString(8)));
      }
    }
    for (Old row : rows) {
      SortKeys keys =
          keys(row.subject(), row.envelope(), row.messageId(), row.inReplyTo(), row.references());
      Instant date = Instant.parse(row.sentDate() != null ? row.sentDate() : row.internalDate());
      Object[] values = withKeys(new Object[0], keys, date);
      Object[] args = Arrays.copyOf(values, values.length + 1);
      args[values.length] = row.id();
      c.update(
          "UPDATE messages SET sort_date = ?, sort_subject = ?, subject_reply = ?, sort_from = ?,"
              + " sort_to = ?, sort_cc = ?, display_from = ?, display_to = ?, thread_id = ?,"
              + " thread_refs = ? WHERE id = ?",
          args);
    }
    return rows.size();
  }
}
