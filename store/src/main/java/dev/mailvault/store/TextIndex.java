package dev.mailvault.store;

import dev.mailvault.core.mime.SearchText;
import dev.mailvault.store.sqlite.VaultConnection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * SQL of the full-text index {@code message_text} (vault schema 10, docs/adr/0219): one row per
 * content, rowid = {@code contents.id}, trigrams over {@link MessageText}'s columns. Contents
 * stored before the index existed are added by {@link TextIndexBuilder}; until it is done, every
 * content whose id is below {@link #unindexedBelow} may be missing, and SEARCH reads those by scan.
 */
final class TextIndex {

  /** The subject and addresses, then the whole header: what every header key's text lies in. */
  static final String HEADER_COLUMNS = "{meta header}";

  static final String BODY_COLUMNS = "{body}";

  static final String TEXT_COLUMNS = "{header body}";

  /**
   * The trigrams one query asks for at most: any subset of a needle's trigrams still finds every
   * text that holds the needle, and past a dozen the candidates hardly shrink.
   */
  static final int MAX_TRIGRAMS = 16;

  private static final String BELOW = "text_index_below";

  private TextIndex() {}

  static void insert(VaultConnection c, long contentId, MessageText text) throws SQLException {
    c.update(
        "INSERT INTO message_text(rowid, meta, header, body, names) VALUES (?, ?, ?, ?, ?)",
        contentId,
        text.meta(),
        text.header(),
        text.body(),
        text.names());
  }

  /** Drops the row of a content that is gone; nothing when it was never indexed. */
  static void delete(VaultConnection c, long contentId) throws SQLException {
    c.update("DELETE FROM message_text WHERE rowid = ?", contentId);
  }

  static boolean isIndexed(VaultConnection c, long contentId) throws SQLException {
    return c.queryLong("SELECT rowid FROM message_text WHERE rowid = ?", contentId).isPresent();
  }

  /** Contents with an id below this may be missing from the index; 0 when none is. */
  static long unindexedBelow(VaultConnection c) throws SQLException {
    return c.queryLong("SELECT value FROM vault_meta WHERE key = ?", BELOW).orElse(0);
  }

  static void setUnindexedBelow(VaultConnection c, long below) throws SQLException {
    c.update("UPDATE vault_meta SET value = ? WHERE key = ?", below, BELOW);
  }

  /** The stored header and body text of an indexed content. */
  static Optional<String[]> headerAndBody(VaultConnection c, long contentId) throws SQLException {
    try (ResultSet r =
        c.bind("SELECT header, body FROM message_text WHERE rowid = ?", contentId).executeQuery()) {
      return r.next()
          ? Optional.of(new String[] {r.getString(1), r.getString(2)})
          : Optional.empty();
    }
  }

  /**
   * The FTS5 query that finds every indexed content whose {@code columns} hold {@code needle} (RFC
   * 9051 §6.4.4 substring, case-insensitive): all of the needle's trigrams in one of those columns.
   * Empty when the index cannot give such a superset: a needle of fewer than three characters has
   * no trigram, and one holding what {@link SearchText#searchForm} replaces cannot be found in that
   * form.
   */
  static Optional<String> match(String columns, String needle) {
    if (!SearchText.searchable(needle)) {
      return Optional.empty();
    }
    String folded = SearchText.searchForm(needle);
    int[] points = folded.codePoints().toArray();
    if (points.length < 3) {
      return Optional.empty();
    }
    LinkedHashSet<String> distinct = new LinkedHashSet<>();
    for (int i = 0; i + 3 <= points.length; i++) {
      distinct.add(new String(points, i, 3));
    }
    List<String> all = new ArrayList<>(distinct);
    List<String> chosen = new ArrayList<>();
    int n = Math.min(all.size(), MAX_TRIGRAMS);
    for (int k = 0; k < n; k++) {
      // spread over the needle, first and last included
      chosen.add(all.get(n == 1 ? 0 : (int) ((long) k * (all.size() - 1) / (n - 1))));
    }
    StringBuilder query = new StringBuilder(columns).append(" : (");
    for (int k = 0; k < chosen.size(); k++) {
      if (k > 0) {
        query.append(" AND ");
      }
      query.append('"').append(chosen.get(k).replace("\"", "\"\"")).append('"');
    }
    return Optional.of(query.append(')').toString());
  }
}
