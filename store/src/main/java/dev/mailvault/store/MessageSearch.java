package dev.mailvault.store;

import dev.mailvault.core.access.SearchQuery;
import dev.mailvault.core.access.SearchTooComplexException;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.store.content.ContentCache;
import dev.mailvault.store.sqlite.VaultConnection;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * SEARCH over one folder in one read transaction (RFC 9051 §6.4.4): the {@link SearchPlan}'s SQL
 * selects the candidates, and when the query has keys SQL cannot decide, a {@link SearchMatcher}
 * decides those for each candidate from the full-text index's stored text and from content. The
 * candidates are read whole before any content is, so no result set stays open while content
 * statements run.
 */
final class MessageSearch {

  private static final String MATCHER_COLUMNS =
      ", subject, from_addr, to_addrs, cc_addrs, content_id, size, mime_tree";

  private MessageSearch() {}

  static long[] run(VaultConnection c, ContentCache cache, long folderId, SearchQuery query)
      throws SQLException, IOException, MailvaultException {
    return run(c, cache, folderId, query, SearchMatcher.MAX_REGEX_WORK);
  }

  /** {@link #run} with another bound on regular expression work (for tests). */
  static long[] run(
      VaultConnection c, ContentCache cache, long folderId, SearchQuery query, long regexWork)
      throws SQLException, IOException, MailvaultException {
    SearchPlan plan =
        SearchPlan.of(
            query,
            TextIndex.unindexedBelow(c),
            TextIndex.unindexedAbove(c),
            (columns, needle) -> TextIndex.match(c, columns, needle));
    if (plan.parameterCount() > SearchPlan.MAX_PARAMETERS) {
      throw new SearchTooComplexException();
    }
    SearchPlan.Fragment statement = statement(plan, folderId);
    if (plan.isExact(plan.root())) {
      return exactUids(c, statement.sql(), statement.params());
    }
    SearchMatcher matcher = new SearchMatcher(plan, cache, regexWork);
    List<SearchMatcher.Row> rows =
        candidates(c, statement.sql(), statement.params(), plan.columns().size());
    long[] uids = new long[rows.size()];
    int n = 0;
    for (SearchMatcher.Row row : rows) {
      if (matcher.matches(c, row)) {
        uids[n++] = row.uid();
      }
    }
    return sorted(uids, n);
  }

  /** The SELECT of the plan's UIDs (exact) or candidates with the matcher's columns. */
  static SearchPlan.Fragment statement(SearchPlan plan, long folderId) {
    boolean exact = plan.isExact(plan.root());
    List<Object> params = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT uid");
    if (!exact) {
      sql.append(MATCHER_COLUMNS);
      for (SearchPlan.Fragment column : plan.columns()) {
        sql.append(", ").append(column.sql());
        params.addAll(column.params());
      }
    }
    // No ORDER BY: it made SQLite walk (folder_id, uid) to skip a sort, row by row, instead of the
    // index that narrows the rows; the UIDs are sorted here instead. When a full-text condition
    // must hold, "+folder_id" keeps SQLite from walking the folder: it starts from the contents the
    // index names (ADR 0219).
    sql.append(
        plan.drivenByText()
            ? " FROM messages WHERE +folder_id = ? AND "
            : " FROM messages WHERE folder_id = ? AND ");
    sql.append(plan.where().sql());
    params.add(folderId);
    params.addAll(plan.where().params());
    return new SearchPlan.Fragment(sql.toString(), params);
  }

  private static long[] sorted(long[] uids, int n) {
    long[] result = java.util.Arrays.copyOf(uids, n);
    java.util.Arrays.sort(result);
    return result;
  }

  private static long[] exactUids(VaultConnection c, String sql, List<Object> params)
      throws SQLException {
    long[] uids = new long[64];
    int n = 0;
    try (PreparedStatement statement = c.prepareOnce(sql, params.toArray());
        ResultSet r = statement.executeQuery()) {
      while (r.next()) {
        if (n == uids.length) {
          uids = java.util.Arrays.copyOf(uids, n * 2);
        }
        uids[n++] = r.getLong(1);
      }
    }
    return sorted(uids, n);
  }

  private static List<SearchMatcher.Row> candidates(
      VaultConnection c, String sql, List<Object> params, int columnCount) throws SQLException {
    List<SearchMatcher.Row> rows = new ArrayList<>();
    try (PreparedStatement statement = c.prepareOnce(sql, params.toArray());
        ResultSet r = statement.executeQuery()) {
      while (r.next()) {
        boolean[] columns = new boolean[columnCount];
        for (int i = 0; i < columnCount; i++) {
          columns[i] = r.getInt(9 + i) != 0;
        }
        rows.add(
            new SearchMatcher.Row(
                r.getLong(1),
                columns,
                r.getString(2),
                r.getString(3),
                r.getString(4),
                r.getString(5),
                r.getLong(6),
                r.getLong(7),
                r.getBytes(8)));
      }
    }
    return rows;
  }
}
