package dev.mailvault.store;

import dev.mailvault.core.access.MessageThread;
import dev.mailvault.core.access.SearchQuery;
import dev.mailvault.core.access.SortCriterion;
import dev.mailvault.core.access.ThreadAlgorithm;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.core.sort.OrderedSubjectThreads;
import dev.mailvault.core.sort.ReferenceThreads;
import dev.mailvault.core.sort.ThreadKeys;
import dev.mailvault.core.sort.ThreadMessage;
import dev.mailvault.store.sqlite.VaultConnection;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * SORT and THREAD over one folder (RFC 5256 §3, RFC 5957): SQL orders the stored keys through the
 * indexes of vault schema 9, SEARCH picks which messages take part, and the threading algorithms
 * run over the keys read from one covering index. Keys of rows stored before schema 9 are computed
 * first (docs/adr/0215-stored-sort-and-thread-keys.md).
 */
final class MessageSorting {

  private final Transactions transactions;

  MessageSorting(Transactions transactions) {
    this.transactions = transactions;
  }

  long[] sort(String folder, List<SortCriterion> criteria, SearchQuery query)
      throws MailvaultException {
    if (criteria.isEmpty()) {
      throw new IllegalArgumentException("SORT needs a criterion");
    }
    String name = FolderNames.canonical(folder);
    backfill(name);
    String sql = sortSql(criteria);
    return transactions.read(
        c -> {
          long folderId = FolderTable.require(c, name).id();
          long[] matching = matching(c, folderId, query);
          long[] sorted = new long[64];
          int n = 0;
          try (PreparedStatement statement = c.prepareOnce(sql, folderId);
              ResultSet r = statement.executeQuery()) {
            while (r.next()) {
              long uid = r.getLong(1);
              if (matching != null && Arrays.binarySearch(matching, uid) < 0) {
                continue;
              }
              if (n == sorted.length) {
                sorted = Arrays.copyOf(sorted, n * 2);
              }
              sorted[n++] = uid;
            }
          }
          return Arrays.copyOf(sorted, n);
        });
  }

  List<MessageThread> thread(String folder, ThreadAlgorithm algorithm, SearchQuery query)
      throws MailvaultException {
    String name = FolderNames.canonical(folder);
    backfill(name);
    if (algorithm == ThreadAlgorithm.REFERENCES) {
      ThreadKeys keys =
          transactions.read(c -> referenceKeys(c, FolderTable.require(c, name).id(), query));
      return ReferenceThreads.of(keys);
    }
    List<ThreadMessage> messages =
        transactions.read(
            c -> {
              long folderId = FolderTable.require(c, name).id();
              long[] matching = matching(c, folderId, query);
              List<ThreadMessage> read = new ArrayList<>();
              try (PreparedStatement statement = c.prepareOnce(THREAD_SQL, folderId);
                  ResultSet r = statement.executeQuery()) {
                while (r.next()) {
                  long uid = r.getLong(1);
                  if (matching != null && Arrays.binarySearch(matching, uid) < 0) {
                    continue;
                  }
                  String refs = r.getString(4);
                  read.add(
                      new ThreadMessage(
                          uid,
                          r.getString(2),
                          r.getString(3),
                          refs.isEmpty() ? List.of() : Arrays.asList(refs.split(" ")),
                          r.getString(5),
                          r.getInt(6) != 0));
                }
              }
              return read;
            });
    return OrderedSubjectThreads.of(messages);
  }

  /**
   * THREAD=REFERENCES' keys of the folder's messages matching {@code query}, in UID order, read as
   * bytes and numbered rather than made into Strings by the driver
   * (docs/adr/0233-thread-keys-as-numbers.md).
   */
  private ThreadKeys referenceKeys(VaultConnection c, long folderId, SearchQuery query)
      throws SQLException, IOException, MailvaultException {
    long bound = knownBound(query);
    long[] matching = bound > 0 ? null : matching(c, folderId, query);
    ThreadKeys keys = new ThreadKeys();
    try (PreparedStatement statement =
            c.prepareOnce(REFERENCE_KEYS_SQL, folderId, bound > 0 ? bound : UidSet.MAX_UID);
        ResultSet r = statement.executeQuery()) {
      while (r.next()) {
        long uid = r.getLong(1);
        if (matching != null && Arrays.binarySearch(matching, uid) < 0) {
          continue;
        }
        byte[] date = bytes(r.getBytes(3));
        byte[] id = bytes(r.getBytes(4));
        byte[] subject = bytes(r.getBytes(6));
        keys.add(
            uid,
            ThreadKeys.dateKey(date, 0, date.length),
            keys.ids().number(id, 0, id.length),
            references(keys, bytes(r.getBytes(5))),
            keys.subjects().number(subject, 0, subject.length),
            r.getInt(2) != 0);
      }
    }
    return keys;
  }

  private static final byte[] NO_BYTES = new byte[0];

  private static byte[] bytes(byte[] column) {
    return column == null ? NO_BYTES : column;
  }

  /** The numbers of the msg-ids of a stored References list (separated by SP). */
  private static int[] references(ThreadKeys keys, byte[] refs) {
    int count = 0;
    for (int i = 0; i < refs.length; i++) {
      if (refs[i] != ' ' && (i == 0 || refs[i - 1] == ' ')) {
        count++;
      }
    }
    int[] numbers = new int[count];
    int n = 0;
    for (int i = 0; i < refs.length; ) {
      int end = i;
      while (end < refs.length && refs[end] != ' ') {
        end++;
      }
      if (end > i) {
        numbers[n++] = keys.ids().number(refs, i, end - i);
      }
      i = end + 1;
    }
    return numbers;
  }

  /**
   * The last UID of a query that only keeps the messages the client knows of (THREAD's "UIDs 1 to
   * n", alone or with ALL): read with the keys as a bound rather than searched first. 0 otherwise.
   */
  private static long knownBound(SearchQuery query) {
    if (query instanceof SearchQuery.Uids uids
        && uids.uids().ranges().size() == 1
        && uids.uids().ranges().get(0).first() <= 1) {
      return uids.uids().ranges().get(0).last();
    }
    if (query instanceof SearchQuery.And and) {
      long bound = 0;
      for (SearchQuery part : and.queries()) {
        if (part instanceof SearchQuery.All) {
          continue;
        }
        long last = knownBound(part);
        if (last == 0 || bound != 0) {
          return 0;
        }
        bound = last;
      }
      return bound;
    }
    return 0;
  }

  /** THREAD=REFERENCES' keys up to a UID, from the covering index of schema 9. */
  static final String REFERENCE_KEYS_SQL =
      "SELECT uid, subject_reply, sort_date, thread_id, thread_refs, sort_subject"
          + " FROM messages INDEXED BY messages_folder_sort_keys WHERE folder_id = ? AND uid <= ?"
          + " ORDER BY uid";

  /** THREAD's keys of a folder, in UID order, from the covering index of schema 9. */
  static final String THREAD_SQL =
      "SELECT uid, sort_date, thread_id, thread_refs, sort_subject, subject_reply"
          + " FROM messages INDEXED BY messages_folder_sort_keys WHERE folder_id = ? ORDER BY uid";

  /**
   * The SQL that lists the folder's UIDs in the order of {@code criteria}. One criterion on the
   * date, the base subject or the first From's mailbox reads its own index in order; anything else
   * reads the covering index of every key and sorts what it read.
   */
  static String sortSql(List<SortCriterion> criteria) {
    StringBuilder order = new StringBuilder();
    for (SortCriterion criterion : criteria) {
      order.append(column(criterion.key())).append(criterion.reverse() ? " DESC, " : ", ");
    }
    // RFC 5256 §3: messages equal on every key stay in mailbox order.
    order.append("uid");
    String index = "messages_folder_sort_keys";
    if (criteria.size() == 1) {
      index =
          switch (criteria.get(0).key()) {
            case DATE -> "messages_folder_sort_date";
            case SUBJECT -> "messages_folder_sort_subject";
            case FROM -> "messages_folder_sort_from";
            default -> index;
          };
    }
    return "SELECT uid FROM messages INDEXED BY "
        + index
        + " WHERE folder_id = ? ORDER BY "
        + order;
  }

  private static String column(SortCriterion.Key key) {
    return switch (key) {
      case ARRIVAL -> "internal_date";
      case CC -> "sort_cc";
      case DATE -> "sort_date";
      case FROM -> "sort_from";
      case SIZE -> "size";
      case SUBJECT -> "sort_subject";
      case TO -> "sort_to";
      case DISPLAYFROM -> "display_from";
      case DISPLAYTO -> "display_to";
    };
  }

  /** The UIDs matching {@code query}, ascending, or null when every message does. */
  private long[] matching(VaultConnection c, long folderId, SearchQuery query)
      throws SQLException, IOException, MailvaultException {
    if (query instanceof SearchQuery.All) {
      return null;
    }
    return MessageSearch.run(c, transactions.contents(), folderId, query);
  }

  /** Computes the keys of the folder's rows stored before schema 9, a chunk per transaction. */
  private void backfill(String name) throws MailvaultException {
    boolean pending =
        transactions.read(c -> SortColumns.pending(c, FolderTable.require(c, name).id()));
    while (pending) {
      pending =
          transactions.write(
              tx -> {
                VaultConnection c = tx.connection();
                long folderId = FolderTable.require(c, name).id();
                return SortColumns.backfill(c, folderId) == SortColumns.BACKFILL_CHUNK;
              });
    }
  }
}
