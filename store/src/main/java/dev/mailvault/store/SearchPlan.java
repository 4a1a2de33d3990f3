package dev.mailvault.store;

import dev.mailvault.core.access.SearchQuery;
import dev.mailvault.core.mail.UidSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link SearchQuery} split into what SQL answers over the messages table and what is left for
 * {@link SearchMatcher}. A node is <em>exact</em> when SQL decides it from stored columns (UIDs,
 * flags, keywords, dates, sizes, MODSEQ, and NOT/AND/OR of exact nodes). When the whole query is
 * exact the WHERE clause is its condition. Otherwise the WHERE clause is a necessary condition (an
 * AND keeps its exact parts, an OR keeps its parts' conditions, anything else is TRUE), and each
 * largest exact subtree below an inexact node comes back as a 0/1 result column for the matcher.
 *
 * <p>A substring key (HEADER, BODY, TEXT) is inexact, but its necessary condition is the full-text
 * index's: the contents whose trigrams hold the needle's, plus every content the index may not have
 * yet (docs/adr/0219-full-text-index.md). A needle the index cannot look for (under three
 * characters) gives no condition.
 *
 * <p>Every value is a bound parameter; lists are joined as balanced trees, so that no long AND
 * reaches SQLite's expression depth limit (1000).
 */
final class SearchPlan {

  /** Up to this many ranges a UID set is tested in SQL; beyond, by binary search in Java. */
  static final int MAX_SQL_RANGES = 32;

  /** Well below SQLite's 32766 bound parameters. */
  static final int MAX_PARAMETERS = 10_000;

  private static final Fragment TRUE = new Fragment("1", List.of());
  private static final Fragment FALSE = new Fragment("0", List.of());

  /** SQL text with its parameters in the order they appear. */
  record Fragment(String sql, List<Object> params) {}

  private final SearchQuery root;
  private final Map<SearchQuery, Boolean> exact = new IdentityHashMap<>();
  private final Map<SearchQuery, Integer> columns = new IdentityHashMap<>();
  private final List<Fragment> columnFragments = new ArrayList<>();
  private final Map<SearchQuery, Optional<String>> textMatches = new IdentityHashMap<>();
  private final Fragment where;
  private final long unindexedBelow;
  private final long indexedThrough;

  /** Looks up the full-text query of a substring key ({@link TextIndex#match}). */
  interface TextLookup {
    Optional<String> match(String columns, String needle) throws SQLException;
  }

  private SearchPlan(SearchQuery root, long unindexedBelow, long indexedThrough, TextLookup lookup)
      throws SQLException {
    this.root = root;
    this.unindexedBelow = unindexedBelow;
    this.indexedThrough = indexedThrough;
    lookUpText(root, lookup);
    classify(root);
    if (isExact(root)) {
      where = sql(root);
    } else {
      where = prefilter(root);
      collectColumns(root);
    }
  }

  /**
   * @param unindexedBelow contents with an id below this may be missing from the full-text index
   *     ({@link TextIndex#unindexedBelow}); 0 when none is
   * @param indexedThrough contents with an id above this may be missing from it ({@link
   *     TextIndex#indexedThrough}); {@code Long.MAX_VALUE} when none is
   */
  static SearchPlan of(
      SearchQuery query, long unindexedBelow, long indexedThrough, TextLookup lookup)
      throws SQLException {
    return new SearchPlan(query, unindexedBelow, indexedThrough, lookup);
  }

  /** Every substring key's full-text query, looked up once. */
  private void lookUpText(SearchQuery q, TextLookup lookup) throws SQLException {
    if (q instanceof SearchQuery.And and) {
      for (SearchQuery child : and.queries()) {
        lookUpText(child, lookup);
      }
    } else if (q instanceof SearchQuery.Or or) {
      for (SearchQuery child : or.queries()) {
        lookUpText(child, lookup);
      }
    } else if (q instanceof SearchQuery.Not not) {
      // a NOT needs no candidates from the index: its prefilter is TRUE
      return;
    } else if (q instanceof SearchQuery.Header header) {
      textMatches.put(q, lookup.match(TextIndex.HEADER_COLUMNS, header.substring()));
    } else if (q instanceof SearchQuery.Body body) {
      textMatches.put(q, lookup.match(TextIndex.BODY_COLUMNS, body.substring()));
    } else if (q instanceof SearchQuery.Text text) {
      textMatches.put(q, lookup.match(TextIndex.TEXT_COLUMNS, text.substring()));
    }
  }

  SearchQuery root() {
    return root;
  }

  /** Whether SQL decides {@code node} (for the root: no matcher is needed). */
  boolean isExact(SearchQuery node) {
    return exact.get(node);
  }

  /** The WHERE condition, without the folder. */
  Fragment where() {
    return where;
  }

  /**
   * Whether full-text conditions alone bound the candidates (a substring key the index can look
   * for; an AND with one such part; an OR of such parts): then the candidates are best found from
   * the index's contents through {@code messages_content}, not by walking the folder.
   */
  boolean drivenByText() {
    return !isExact(root) && textAtTop(root);
  }

  private boolean textAtTop(SearchQuery q) {
    if (q instanceof SearchQuery.And and) {
      return and.queries().stream().anyMatch(this::textAtTop);
    }
    if (q instanceof SearchQuery.Or or) {
      return !or.queries().isEmpty() && or.queries().stream().allMatch(this::textAtTop);
    }
    return textMatch(q).isPresent();
  }

  /** The 0/1 result columns the matcher reads, in select order. */
  List<Fragment> columns() {
    return columnFragments;
  }

  /** The result column (0-based among {@link #columns()}) of an exact node, or -1. */
  int columnOf(SearchQuery node) {
    Integer index = columns.get(node);
    return index == null ? -1 : index;
  }

  int parameterCount() {
    int n = where.params().size();
    for (Fragment f : columnFragments) {
      n += f.params().size();
    }
    return n;
  }

  private boolean classify(SearchQuery q) {
    boolean result;
    if (q instanceof SearchQuery.And and) {
      result = allExact(and.queries());
    } else if (q instanceof SearchQuery.Or or) {
      result = allExact(or.queries());
    } else if (q instanceof SearchQuery.Not not) {
      result = classify(not.query());
    } else if (q instanceof SearchQuery.Uids uids) {
      result = uids.uids().ranges().size() <= MAX_SQL_RANGES;
    } else {
      result =
          !(q instanceof SearchQuery.Header
              || q instanceof SearchQuery.Body
              || q instanceof SearchQuery.Text
              || q instanceof SearchQuery.Regex);
    }
    exact.put(q, result);
    return result;
  }

  private boolean allExact(List<SearchQuery> queries) {
    boolean all = true;
    for (SearchQuery q : queries) {
      all &= classify(q);
    }
    return all;
  }

  private void collectColumns(SearchQuery q) {
    if (isExact(q)) {
      columns.put(q, columnFragments.size());
      columnFragments.add(sql(q));
    } else if (q instanceof SearchQuery.And and) {
      and.queries().forEach(this::collectColumns);
    } else if (q instanceof SearchQuery.Or or) {
      or.queries().forEach(this::collectColumns);
    } else if (q instanceof SearchQuery.Not not) {
      collectColumns(not.query());
    }
  }

  /** A necessary condition of an inexact node. */
  private Fragment prefilter(SearchQuery q) {
    if (isExact(q)) {
      return sql(q);
    }
    if (q instanceof SearchQuery.And and) {
      List<Fragment> parts = new ArrayList<>();
      for (SearchQuery child : and.queries()) {
        Fragment f = prefilter(child);
        if (f != TRUE) {
          parts.add(f);
        }
      }
      return parts.isEmpty() ? TRUE : join(parts, "AND");
    }
    if (q instanceof SearchQuery.Or or) {
      List<Fragment> parts = new ArrayList<>();
      for (SearchQuery child : or.queries()) {
        Fragment f = prefilter(child);
        if (f == TRUE) {
          return TRUE;
        }
        parts.add(f);
      }
      return join(parts, "OR");
    }
    if (q instanceof SearchQuery.Uids uids) {
      List<UidSet.Range> ranges = uids.uids().ranges();
      return new Fragment(
          "uid BETWEEN ? AND ?",
          List.of(ranges.get(0).first(), ranges.get(ranges.size() - 1).last()));
    }
    return textMatch(q).map(this::indexed).orElse(TRUE);
  }

  /** The full-text query that finds every content a substring key may match, if there is one. */
  private Optional<String> textMatch(SearchQuery q) {
    return textMatches.getOrDefault(q, Optional.empty());
  }

  private Fragment indexed(String match) {
    // contents outside the indexed range are not in the index yet: they are candidates too
    List<String> parts = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    if (!match.equals(TextIndex.NOTHING)) {
      parts.add("content_id IN (SELECT rowid FROM message_words WHERE message_words MATCH ?)");
      params.add(match);
    }
    if (unindexedBelow > 0) {
      parts.add("content_id < ?");
      params.add(unindexedBelow);
    }
    if (indexedThrough < Long.MAX_VALUE) {
      parts.add("content_id > ?");
      params.add(indexedThrough);
    }
    if (parts.isEmpty()) {
      return FALSE;
    }
    return new Fragment("(" + String.join(" OR ", parts) + ")", params);
  }

  /** The condition of an exact node. */
  private static Fragment sql(SearchQuery q) {
    if (q instanceof SearchQuery.And and) {
      return and.queries().isEmpty() ? TRUE : join(each(and.queries()), "AND");
    }
    if (q instanceof SearchQuery.Or or) {
      return or.queries().isEmpty() ? FALSE : join(each(or.queries()), "OR");
    }
    if (q instanceof SearchQuery.Not not) {
      Fragment inner = sql(not.query());
      return new Fragment("NOT (" + inner.sql() + ")", inner.params());
    }
    if (q instanceof SearchQuery.All) {
      return TRUE;
    }
    if (q instanceof SearchQuery.Uids uids) {
      return uidRanges(uids.uids());
    }
    if (q instanceof SearchQuery.Flag flag) {
      // System flags are bits of one column (StoredFlags).
      String test = "(flags & " + StoredFlags.bit(flag.flag()) + ")";
      return new Fragment(test + (flag.set() ? " != 0" : " = 0"), List.of());
    }
    if (q instanceof SearchQuery.Keyword keyword) {
      return keyword(keyword);
    }
    if (q instanceof SearchQuery.InternalDate date) {
      return internalDate(date);
    }
    if (q instanceof SearchQuery.SentDate date) {
      return sentDate(date);
    }
    if (q instanceof SearchQuery.SaveDate date) {
      return saveDate(date);
    }
    if (q instanceof SearchQuery.EmailId emailId) {
      return new Fragment("content_id = ?", List.of(emailId.emailId()));
    }
    if (q instanceof SearchQuery.Size size) {
      // RFC 9051 §6.4.4: LARGER and SMALLER are strict.
      return new Fragment(size.larger() ? "size > ?" : "size < ?", List.of(size.octets()));
    }
    if (q instanceof SearchQuery.ModSeq modSeq) {
      // RFC 7162 §3.1.5: a mod-sequence "greater than or equal to" the value.
      return new Fragment("modseq >= ?", List.of(modSeq.atLeast()));
    }
    throw new IllegalStateException("no SQL for " + q.getClass().getSimpleName());
  }

  private static List<Fragment> each(List<SearchQuery> queries) {
    List<Fragment> parts = new ArrayList<>(queries.size());
    for (SearchQuery q : queries) {
      parts.add(sql(q));
    }
    return parts;
  }

  private static Fragment uidRanges(UidSet uids) {
    if (uids.isEmpty()) {
      return FALSE;
    }
    List<Fragment> parts = new ArrayList<>();
    for (UidSet.Range range : uids.ranges()) {
      parts.add(
          range.first() == range.last()
              ? new Fragment("uid = ?", List.of(range.first()))
              : new Fragment("uid BETWEEN ? AND ?", List.of(range.first(), range.last())));
    }
    return join(parts, "OR");
  }

  // Keywords are atoms (ASCII, no space) kept space-separated, and compare case-insensitively.
  private static Fragment keyword(SearchQuery.Keyword keyword) {
    String word = keyword.keyword();
    if (word.isEmpty() || word.indexOf(' ') >= 0) {
      return keyword.set() ? FALSE : TRUE;
    }
    String padded = " " + word.toLowerCase(Locale.ROOT) + " ";
    return new Fragment(
        "instr(' ' || lower(keywords) || ' ', ?)" + (keyword.set() ? " > 0" : " = 0"),
        List.of(padded));
  }

  // internal_date is ISO-8601 UTC text ("2024-05-01T10:00:00Z"): a day is a range of text, and
  // the (folder_id, internal_date) index serves it.
  private static Fragment internalDate(SearchQuery.InternalDate date) {
    String day = day(date.date());
    switch (date.relation()) {
      case BEFORE:
        return new Fragment("internal_date < ?", List.of(day));
      case ON:
        return new Fragment(
            "(internal_date >= ? AND internal_date < ?)",
            List.of(day, day(date.date().plusDays(1))));
      default:
        return new Fragment("internal_date >= ?", List.of(day));
    }
  }

  // RFC 8514 §4.1, ADR 0224: rows without a save date (stored before schema 11) compare their
  // internal date. The expression is exactly the one indexed by messages_folder_saved.
  private static Fragment saveDate(SearchQuery.SaveDate date) {
    String saved = "coalesce(save_date, internal_date)";
    String day = day(date.date());
    switch (date.relation()) {
      case BEFORE:
        return new Fragment(saved + " < ?", List.of(day));
      case ON:
        return new Fragment(
            "(" + saved + " >= ? AND " + saved + " < ?)",
            List.of(day, day(date.date().plusDays(1))));
      default:
        return new Fragment(saved + " >= ?", List.of(day));
    }
  }

  // sent_day is NULL without a readable Date header: "IS NOT NULL AND" keeps the value 0 or 1,
  // never NULL, so that NOT stays the complement.
  private static Fragment sentDate(SearchQuery.SentDate date) {
    String op;
    switch (date.relation()) {
      case BEFORE:
        op = "<";
        break;
      case ON:
        op = "=";
        break;
      default:
        op = ">=";
    }
    return new Fragment(
        "(sent_day IS NOT NULL AND sent_day " + op + " ?)", List.of(day(date.date())));
  }

  private static String day(LocalDate date) {
    return date.toString();
  }

  /** Joins as a balanced tree: the depth grows with log(n), not n. */
  private static Fragment join(List<Fragment> parts, String op) {
    if (parts.size() == 1) {
      return parts.get(0);
    }
    int mid = parts.size() / 2;
    Fragment left = join(parts.subList(0, mid), op);
    Fragment right = join(parts.subList(mid, parts.size()), op);
    List<Object> params = new ArrayList<>(left.params().size() + right.params().size());
    params.addAll(left.params());
    params.addAll(right.params());
    return new Fragment("(" + left.sql() + " " + op + " " + right.sql() + ")", params);
  }
}
