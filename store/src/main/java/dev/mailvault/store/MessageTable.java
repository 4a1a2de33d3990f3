package dev.mailvault.store;

import dev.mailvault.core.access.MessageMeta;
import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.mail.Flags;
import dev.mailvault.core.mail.SystemFlag;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.core.mime.MessageSummary;
import dev.mailvault.core.mime.ParsedMessage;
import dev.mailvault.store.sqlite.VaultConnection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** SQL of the messages and expunge_log tables; runs in the caller's transaction. */
final class MessageTable {

  private static final String ROW_COLUMNS = "id, uid, flags, keywords, size, content_id";
  private static final String META_COLUMNS =
      "uid, modseq, flags, keywords, internal_date, size, envelope, body, body_structure,"
          + " message_id, content_id, save_date";

  /**
   * The same columns without the structure strings and the Message-ID: all of them in the index
   * {@code messages_folder_sync} (vault schema 7), so the wide rows are not read at all.
   */
  private static final String META_COLUMNS_FLAT =
      "uid, modseq, flags, keywords, internal_date, size, NULL, NULL, NULL, NULL, 0, NULL";

  /** Where a message's bytes are and how its parts lie in them. */
  record ContentRef(long contentId, long size, byte[] mimeTree) {}

  private MessageTable() {}

  static void insert(
      VaultConnection c,
      long folderId,
      long uid,
      long modseq,
      NewMessage message,
      ParsedMessage parsed,
      byte[] mimeTree,
      long contentId,
      String saveDate)
      throws SQLException {
    MessageSummary s = parsed.summary();
    c.update(
        "INSERT INTO messages(folder_id, uid, modseq, internal_date, size, flags, keywords,"
            + " content_id, envelope, body, body_structure, mime_tree, subject, from_addr,"
            + " from_name, to_addrs, cc_addrs, sent_date, message_id, in_reply_to,"
            + " references_hdr, sent_day, save_date, "
            + SortColumns.NAMES
            + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            + SortColumns.PLACEHOLDERS
            + ")",
        SortColumns.withKeys(
            new Object[] {
              folderId,
              uid,
              modseq,
              isoSeconds(message.internalDate()),
              (long) message.raw().length,
              StoredFlags.bits(message.flags()),
              StoredFlags.keywordColumn(message.flags()),
              contentId,
              parsed.envelope(),
              parsed.body(),
              parsed.bodyStructure(),
              mimeTree,
              nonNull(s.subject()),
              nonNull(s.from()),
              nonNull(s.fromName()),
              nonNull(s.to()),
              nonNull(s.cc()),
              s.sentDate() == null ? null : isoSeconds(s.sentDate()),
              nonNull(s.messageId()),
              nonNull(s.inReplyTo()),
              nonNull(s.references()),
              s.sentDay() == null ? null : s.sentDay().toString(),
              saveDate
            },
            SortColumns.keys(
                s.subject(), parsed.envelope(), s.messageId(), s.inReplyTo(), s.references()),
            s.sentDate() != null ? s.sentDate() : message.internalDate()));
  }

  /** The rows in {@code uids}, ascending; only those flagged \Deleted if {@code deletedOnly}. */
  static List<MessageRow> rows(VaultConnection c, long folderId, UidSet uids, boolean deletedOnly)
      throws SQLException {
    String sql =
        "SELECT "
            + ROW_COLUMNS
            + " FROM messages WHERE folder_id = ? AND uid BETWEEN ? AND ?"
            + (deletedOnly ? " AND (flags & " + StoredFlags.bit(SystemFlag.DELETED) + ") != 0" : "")
            + " ORDER BY uid";
    List<MessageRow> rows = new ArrayList<>();
    for (UidSet.Range range : uids.ranges()) {
      try (ResultSet r = c.bind(sql, folderId, range.first(), range.last()).executeQuery()) {
        while (r.next()) {
          rows.add(
              new MessageRow(
                  r.getLong(1),
                  r.getLong(2),
                  r.getInt(3),
                  r.getString(4),
                  r.getLong(5),
                  r.getLong(6)));
        }
      }
    }
    return rows;
  }

  /** Every keyword some message of the folder has, read from the narrow index (ADR 0189). */
  static Set<String> keywords(VaultConnection c, long folderId) throws SQLException {
    Set<String> keywords = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    try (ResultSet r =
        c.bind(
                "SELECT DISTINCT keywords FROM messages WHERE folder_id = ? AND keywords != ''",
                folderId)
            .executeQuery()) {
      while (r.next()) {
        keywords.addAll(StoredFlags.fromStored(0, r.getString(1)).keywords());
      }
    }
    return keywords;
  }

  /**
   * The keyword columns of the folder's messages changed after {@code modseq}, each once: what a
   * folder's keyword list learns since it was read at that mod-sequence (through {@code
   * messages_folder_modseq} when few changed, a pass over the sync index otherwise).
   */
  static Set<String> keywordsSince(VaultConnection c, long folderId, long modseq)
      throws SQLException {
    Set<String> keywords = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    String index =
        changedCount(c, folderId, modseq, FEW_CHANGES + 1) > FEW_CHANGES
            ? "messages_folder_sync"
            : "messages_folder_modseq";
    try (ResultSet r =
        c.bind(
                "SELECT DISTINCT keywords FROM messages INDEXED BY "
                    + index
                    + " WHERE folder_id = ? AND modseq > ? AND keywords != ''",
                folderId,
                modseq)
            .executeQuery()) {
      while (r.next()) {
        keywords.addAll(StoredFlags.fromStored(0, r.getString(1)).keywords());
      }
    }
    return keywords;
  }

  /** The UIDs of a folder from {@code first} on, ascending: those added since UIDNEXT was first. */
  static long[] uidsFrom(VaultConnection c, long folderId, long first) throws SQLException {
    long[] uids = new long[16];
    int n = 0;
    try (ResultSet r =
        c.bind(
                "SELECT uid FROM messages WHERE folder_id = ? AND uid >= ? ORDER BY uid",
                folderId,
                first)
            .executeQuery()) {
      while (r.next()) {
        if (n == uids.length) {
          uids = Arrays.copyOf(uids, n * 2);
        }
        uids[n++] = r.getLong(1);
      }
    }
    return Arrays.copyOf(uids, n);
  }

  /** The MODSEQ of each message in {@code uids}, by UID. */
  static Map<Long, Long> modseqs(VaultConnection c, long folderId, UidSet uids)
      throws SQLException {
    Map<Long, Long> modseqs = new HashMap<>();
    for (UidSet.Range range : uids.ranges()) {
      try (ResultSet r =
          c.bind(
                  "SELECT uid, modseq FROM messages WHERE folder_id = ? AND uid BETWEEN ? AND ?",
                  folderId,
                  range.first(),
                  range.last())
              .executeQuery()) {
        while (r.next()) {
          modseqs.put(r.getLong(1), r.getLong(2));
        }
      }
    }
    return modseqs;
  }

  /** Metadata of the messages in {@code uids} with a MODSEQ above {@code changedSince}. */
  static List<MessageMeta> meta(VaultConnection c, long folderId, UidSet uids, long changedSince)
      throws SQLException {
    return meta(c, folderId, uids, changedSince, true);
  }

  /**
   * {@link #meta(VaultConnection, long, UidSet, long)}; without {@code structure} the ENVELOPE,
   * BODY and BODYSTRUCTURE strings and the Message-ID are left empty and never read.
   */
  static List<MessageMeta> meta(
      VaultConnection c, long folderId, UidSet uids, long changedSince, boolean structure)
      throws SQLException {
    String sql =
        "SELECT "
            + (structure ? META_COLUMNS : META_COLUMNS_FLAT)
            + " FROM messages"
            + " WHERE folder_id = ? AND uid BETWEEN ? AND ? AND modseq > ? ORDER BY uid";
    List<MessageMeta> metas = new ArrayList<>();
    List<UidSet.Range> ranges = uids.ranges();
    if (ranges.isEmpty()) {
      return metas;
    }
    UidSet.Range span =
        new UidSet.Range(ranges.get(0).first(), ranges.get(ranges.size() - 1).last());
    if (changedSince > 0) {
      List<MessageMeta> few = fewChanged(c, folderId, uids, span, changedSince, structure);
      if (few != null) {
        return few;
      }
    }
    // A client's set of scattered UIDs (1,4,9:12,...) is one query over the span, filtered here,
    // rather than one query per range, when the span holds not much more than the set.
    boolean oneQuery = ranges.size() > 1 && dense(span.first(), span.last(), count(ranges));
    for (UidSet.Range range : oneQuery ? List.of(span) : ranges) {
      try (ResultSet r =
          c.bind(sql, folderId, range.first(), range.last(), changedSince).executeQuery()) {
        while (r.next()) {
          long uid = r.getLong(1);
          if (oneQuery && !uids.contains(uid)) {
            continue;
          }
          metas.add(metaOf(r, structure));
        }
      }
    }
    return metas;
  }

  /**
   * At most this many changed rows are looked up one by one through {@code messages_folder_modseq}
   * rather than found by a pass over the UID span (docs/adr/0232-resync-reads-what-changed.md).
   */
  static final int FEW_CHANGES = 1000;

  /**
   * The messages of {@code uids} changed after {@code changedSince}, in UID order, found through
   * the mod-sequence index, when there are few: at most {@link #FEW_CHANGES} and at most one in 16
   * of the span (each is a lookup of its wide row, a pass over the span reads the narrow sync index
   * instead). Null when there are more; the count stops at the first one too many.
   */
  private static List<MessageMeta> fewChanged(
      VaultConnection c,
      long folderId,
      UidSet uids,
      UidSet.Range span,
      long changedSince,
      boolean structure)
      throws SQLException {
    long limit = Math.min(FEW_CHANGES, (span.last() - span.first() + 1) / 16);
    if (changedCount(c, folderId, changedSince, limit + 1) > limit) {
      return null;
    }
    List<MessageMeta> metas = new ArrayList<>();
    try (ResultSet r =
        c.bind(
                "SELECT "
                    + (structure ? META_COLUMNS : META_COLUMNS_FLAT)
                    + " FROM messages INDEXED BY messages_folder_modseq"
                    + " WHERE folder_id = ? AND modseq > ?",
                folderId,
                changedSince)
            .executeQuery()) {
      while (r.next()) {
        if (uids.contains(r.getLong(1))) {
          metas.add(metaOf(r, structure));
        }
      }
    }
    metas.sort(Comparator.comparingLong(MessageMeta::uid));
    return metas;
  }

  /**
   * How many messages of the folder changed after {@code modseq}, counted up to {@code atMost}:
   * entries of {@code messages_folder_modseq} only, no message row read.
   */
  static long changedCount(VaultConnection c, long folderId, long modseq, long atMost)
      throws SQLException {
    try (ResultSet r =
        c.bind(
                "SELECT count(*) FROM (SELECT 1 FROM messages INDEXED BY messages_folder_modseq"
                    + " WHERE folder_id = ? AND modseq > ? LIMIT ?)",
                folderId,
                modseq,
                atMost)
            .executeQuery()) {
      return r.next() ? r.getLong(1) : 0;
    }
  }

  /** One row of {@link #META_COLUMNS} or {@link #META_COLUMNS_FLAT}. */
  private static MessageMeta metaOf(ResultSet r, boolean structure) throws SQLException {
    return new MessageMeta(
        r.getLong(1),
        r.getLong(2),
        StoredFlags.fromStored(r.getInt(3), r.getString(4)),
        Instant.parse(r.getString(5)),
        r.getLong(6),
        structure ? r.getString(7) : "",
        structure ? r.getString(8) : "",
        structure ? r.getString(9) : "",
        structure ? r.getString(10) : "",
        r.getLong(11),
        instantOrNull(r.getString(12)));
  }

  /**
   * Whether {@code count} wanted UIDs between {@code first} and {@code last} are read faster by one
   * pass over the span than by a lookup each: when the span is not much larger than the set.
   */
  private static boolean dense(long first, long last, long count) {
    return last - first < 4 * count + 64;
  }

  private static long count(List<UidSet.Range> ranges) {
    long n = 0;
    for (UidSet.Range range : ranges) {
      n += range.last() - range.first() + 1;
    }
    return n;
  }

  /**
   * The UIDs of a folder, ascending.
   *
   * @param expected how many the folder row counts: the array's first size
   */
  static long[] uids(VaultConnection c, long folderId, long expected) throws SQLException {
    long[] uids = new long[(int) Math.max(16, Math.min(expected, Integer.MAX_VALUE - 8))];
    int n = 0;
    try (ResultSet r =
        c.bind("SELECT uid FROM messages WHERE folder_id = ? ORDER BY uid", folderId)
            .executeQuery()) {
      while (r.next()) {
        if (n == uids.length) {
          uids = Arrays.copyOf(uids, n * 2);
        }
        uids[n++] = r.getLong(1);
      }
    }
    return n == uids.length ? uids : Arrays.copyOf(uids, n);
  }

  /**
   * The lowest UID without {@code \Seen}, 0 when none: messages_folder_sync (folder_id, uid, ...,
   * flags) walked in UID order, stopping at the first match.
   */
  static long firstUnseen(VaultConnection c, long folderId) throws SQLException {
    int seen = StoredFlags.bit(SystemFlag.SEEN);
    try (ResultSet r =
        c.bind(
                "SELECT uid FROM messages INDEXED BY messages_folder_sync WHERE folder_id = ?"
                    + " AND (flags & "
                    + seen
                    + ") = 0 ORDER BY uid LIMIT 1",
                folderId)
            .executeQuery()) {
      return r.next() ? r.getLong(1) : 0;
    }
  }

  static Optional<ContentRef> contentRef(VaultConnection c, long folderId, long uid)
      throws SQLException {
    try (ResultSet r =
        c.bind(
                "SELECT content_id, size, mime_tree FROM messages WHERE folder_id = ? AND uid = ?",
                folderId,
                uid)
            .executeQuery()) {
      return r.next()
          ? Optional.of(new ContentRef(r.getLong(1), r.getLong(2), r.getBytes(3)))
          : Optional.empty();
    }
  }

  /**
   * {@link #contentRef} of several messages, by UID, in one query over the span of {@code uids}
   * (ascending); a UID with no message is left out.
   */
  static Map<Long, ContentRef> contentRefs(VaultConnection c, long folderId, List<Long> uids)
      throws SQLException {
    Map<Long, ContentRef> refs = new HashMap<>();
    if (uids.isEmpty()) {
      return refs;
    }
    Set<Long> wanted = new HashSet<>(uids);
    long first = Collections.min(uids);
    long last = Collections.max(uids);
    if (!dense(first, last, wanted.size())) {
      // too sparse for one pass over the span: one lookup each
      for (long uid : wanted) {
        contentRef(c, folderId, uid).ifPresent(ref -> refs.put(uid, ref));
      }
      return refs;
    }
    try (ResultSet r =
        c.bind(
                "SELECT uid, content_id, size, mime_tree FROM messages"
                    + " WHERE folder_id = ? AND uid BETWEEN ? AND ?",
                folderId,
                first,
                last)
            .executeQuery()) {
      while (r.next()) {
        long uid = r.getLong(1);
        if (wanted.contains(uid)) {
          refs.put(uid, new ContentRef(r.getLong(2), r.getLong(3), r.getBytes(4)));
        }
      }
    }
    return refs;
  }

  /**
   * Copies a message row to another folder under a new UID; the content, and so the EMAILID, is
   * shared. The copy's save date is {@code saveDate} (RFC 8514 §3: when it was saved there).
   */
  static void copy(
      VaultConnection c, long messageId, long folderId, long uid, long modseq, String saveDate)
      throws SQLException {
    c.update(
        "INSERT INTO messages(folder_id, uid, modseq, internal_date, size, flags, keywords,"
            + " content_id, envelope, body, body_structure, mime_tree, subject, from_addr,"
            + " from_name, to_addrs, cc_addrs, sent_date, message_id, in_reply_to,"
            + " references_hdr, sent_day, save_date, "
            + SortColumns.NAMES
            + ")"
            + " SELECT ?, ?, ?, internal_date, size, flags, keywords, content_id, envelope, body,"
            + " body_structure, mime_tree, subject, from_addr, from_name, to_addrs, cc_addrs,"
            + " sent_date, message_id, in_reply_to, references_hdr, sent_day, ?, "
            + SortColumns.NAMES
            + " FROM messages WHERE id = ?",
        folderId,
        uid,
        modseq,
        saveDate,
        messageId);
  }

  /**
   * Moves a message row to another folder under a new UID (RFC 6851 keeps its flags); its save date
   * becomes {@code saveDate} (RFC 8514 §3).
   */
  static void move(
      VaultConnection c, long messageId, long folderId, long uid, long modseq, String saveDate)
      throws SQLException {
    c.update(
        "UPDATE messages SET folder_id = ?, uid = ?, modseq = ?, save_date = ? WHERE id = ?",
        folderId,
        uid,
        modseq,
        saveDate,
        messageId);
  }

  static void updateFlags(VaultConnection c, long messageId, Flags flags, long modseq)
      throws SQLException {
    c.update(
        "UPDATE messages SET flags = ?, keywords = ?, modseq = ? WHERE id = ?",
        StoredFlags.bits(flags),
        StoredFlags.keywordColumn(flags),
        modseq,
        messageId);
  }

  static void delete(VaultConnection c, long messageId) throws SQLException {
    c.update("DELETE FROM messages WHERE id = ?", messageId);
  }

  /** Records that {@code uid} left the folder at {@code modseq} (RFC 7162 §3.2.10 VANISHED). */
  static void logExpunge(VaultConnection c, long folderId, long uid, long modseq)
      throws SQLException {
    c.update(
        "INSERT INTO expunge_log(folder_id, uid, modseq) VALUES (?, ?, ?)", folderId, uid, modseq);
  }

  static List<Long> expungedSince(VaultConnection c, long folderId, long modseq)
      throws SQLException {
    List<Long> uids = new ArrayList<>();
    try (ResultSet r =
        c.bind(
                "SELECT uid FROM expunge_log WHERE folder_id = ? AND modseq > ? ORDER BY uid",
                folderId,
                modseq)
            .executeQuery()) {
      while (r.next()) {
        uids.add(r.getLong(1));
      }
    }
    return uids;
  }

  /** ISO-8601 in UTC to the second: fixed width, so text order is time order. */
  static String isoSeconds(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }

  private static Instant instantOrNull(String iso) {
    return iso == null ? null : Instant.parse(iso);
  }

  private static String nonNull(String value) {
    return value == null ? "" : value;
  }
}
