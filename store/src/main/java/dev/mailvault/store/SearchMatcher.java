package dev.mailvault.store;

import com.google.re2j.Pattern;
import dev.mailvault.core.access.SearchPattern;
import dev.mailvault.core.access.SearchPatternException;
import dev.mailvault.core.access.SearchQuery;
import dev.mailvault.core.access.SearchTooComplexException;
import dev.mailvault.core.mail.UidSet;
import dev.mailvault.core.mime.ByteSource;
import dev.mailvault.core.mime.MimePart;
import dev.mailvault.core.mime.MimePartCodec;
import dev.mailvault.core.mime.SearchText;
import dev.mailvault.store.content.ContentCache;
import dev.mailvault.store.content.ContentStore;
import dev.mailvault.store.sqlite.VaultConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decides the inexact part of a {@link SearchPlan} for one candidate row: exact subtrees are read
 * from the row's result columns; SUBJECT from the stored decoded subject; FROM, TO and CC from the
 * stored addresses, then from the decoded header; other HEADER keys from the header section; BODY
 * and TEXT from the text the full-text index stores, else from the text parts (RFC 9051 §6.4.4).
 * X-REGEX keys run over the same texts, in {@link SearchText#searchForm}, within a work bound per
 * search. Content is read only when a key needs it, once per row, and the children of AND and OR
 * run cheapest first so a content read is the last resort.
 */
final class SearchMatcher {

  /** A candidate row: what the SQL part selected. */
  record Row(
      long uid,
      boolean[] columns,
      String subject,
      String fromAddr,
      String toAddrs,
      String ccAddrs,
      long contentId,
      long size,
      byte[] mimeTree) {}

  /**
   * Characters one search may run regular expressions over, each weighted by the pattern's length
   * in 32s: about 2 billion characters for a short pattern, 67 million for the longest.
   */
  static final long MAX_REGEX_WORK = 1L << 31;

  private final SearchPlan plan;
  private final ContentCache cache;
  private final Map<SearchQuery, List<SearchQuery>> ordered = new IdentityHashMap<>();
  private final Map<SearchQuery, Pattern> patterns = new IdentityHashMap<>();
  private final long regexWorkLimit;
  private long regexWork;

  /**
   * @throws SearchPatternException when an X-REGEX pattern of the query is refused
   */
  SearchMatcher(SearchPlan plan, ContentCache cache) throws SearchPatternException {
    this(plan, cache, MAX_REGEX_WORK);
  }

  SearchMatcher(SearchPlan plan, ContentCache cache, long regexWorkLimit)
      throws SearchPatternException {
    this.plan = plan;
    this.cache = cache;
    this.regexWorkLimit = regexWorkLimit;
    compile(plan.root());
  }

  boolean matches(VaultConnection c, Row row) throws IOException, SearchTooComplexException {
    return matches(plan.root(), new Content(c, cache, row), row);
  }

  private void compile(SearchQuery q) throws SearchPatternException {
    if (q instanceof SearchQuery.Regex regex) {
      patterns.put(q, SearchPattern.compile(regex.pattern()));
    } else if (q instanceof SearchQuery.And and) {
      for (SearchQuery child : and.queries()) {
        compile(child);
      }
    } else if (q instanceof SearchQuery.Or or) {
      for (SearchQuery child : or.queries()) {
        compile(child);
      }
    } else if (q instanceof SearchQuery.Not not) {
      compile(not.query());
    }
  }

  private boolean matches(SearchQuery q, Content content, Row row)
      throws IOException, SearchTooComplexException {
    int column = plan.columnOf(q);
    if (column >= 0) {
      return row.columns()[column];
    }
    if (q instanceof SearchQuery.And and) {
      for (SearchQuery child : cheapestFirst(q, and.queries())) {
        if (!matches(child, content, row)) {
          return false;
        }
      }
      return true;
    }
    if (q instanceof SearchQuery.Or or) {
      for (SearchQuery child : cheapestFirst(q, or.queries())) {
        if (matches(child, content, row)) {
          return true;
        }
      }
      return false;
    }
    if (q instanceof SearchQuery.Not not) {
      return !matches(not.query(), content, row);
    }
    if (q instanceof SearchQuery.Uids uids) {
      return contains(uids.uids().ranges(), row.uid());
    }
    if (q instanceof SearchQuery.Header header) {
      return header(header, content, row);
    }
    if (q instanceof SearchQuery.Body body) {
      return content.bodyContains(body.substring());
    }
    if (q instanceof SearchQuery.Text text) {
      return content.headerContains(text.substring()) || content.bodyContains(text.substring());
    }
    if (q instanceof SearchQuery.Regex regex) {
      return regex(regex, patterns.get(q), content);
    }
    throw new IllegalStateException("an exact key without a column: " + q.getClass());
  }

  private static boolean header(SearchQuery.Header key, Content content, Row row)
      throws IOException {
    String field = key.field().toLowerCase(Locale.ROOT);
    String needle = key.substring();
    if (!needle.isEmpty()) {
      // The decoded subject and the addresses are stored: no content read when they answer.
      switch (field) {
        case "subject":
          return SearchText.contains(row.subject(), needle);
        case "from":
          if (SearchText.contains(row.fromAddr(), needle)) {
            return true;
          }
          break;
        case "to":
          if (SearchText.contains(row.toAddrs(), needle)) {
            return true;
          }
          break;
        case "cc":
          if (SearchText.contains(row.ccAddrs(), needle)) {
            return true;
          }
          break;
        default:
          break;
      }
    }
    // RFC 9051 §6.4.4 HEADER: an empty string matches every message that has the field.
    for (String value : SearchText.fieldValues(content.header(), key.field())) {
      if (SearchText.contains(value, needle)) {
        return true;
      }
    }
    return false;
  }

  private boolean regex(SearchQuery.Regex key, Pattern pattern, Content content)
      throws IOException, SearchTooComplexException {
    switch (key.target()) {
      case HEADER:
        for (String value : SearchText.fieldValues(content.header(), key.field())) {
          if (find(pattern, SearchText.searchForm(value))) {
            return true;
          }
        }
        return false;
      case BODY:
        return find(pattern, content.bodyForm());
      default:
        return find(pattern, content.headerForm()) || find(pattern, content.bodyForm());
    }
  }

  /** re2j runs in time linear in the text; the bound caps the texts one search may give it. */
  private boolean find(Pattern pattern, String text) throws SearchTooComplexException {
    regexWork += (long) text.length() * (1 + pattern.pattern().length() / 32);
    if (regexWork > regexWorkLimit) {
      throw new SearchTooComplexException("the X-REGEX search passed its work bound");
    }
    return pattern.matcher(text).find();
  }

  private List<SearchQuery> cheapestFirst(SearchQuery parent, List<SearchQuery> children) {
    return ordered.computeIfAbsent(
        parent,
        p -> {
          List<SearchQuery> sorted = new ArrayList<>(children);
          sorted.sort(Comparator.comparingInt(this::cost));
          return sorted;
        });
  }

  /**
   * 0: a result column; 1: a stored value; 2: the header section; 3: body parts; 4: a regular
   * expression over body parts.
   */
  private int cost(SearchQuery q) {
    if (plan.columnOf(q) >= 0 || q instanceof SearchQuery.Uids) {
      return 0;
    }
    if (q instanceof SearchQuery.Header header) {
      return header.field().equalsIgnoreCase("subject") && !header.substring().isEmpty() ? 1 : 2;
    }
    if (q instanceof SearchQuery.Regex regex) {
      return regex.target() == SearchQuery.RegexTarget.HEADER ? 2 : 4;
    }
    if (q instanceof SearchQuery.Body || q instanceof SearchQuery.Text) {
      return 3;
    }
    List<SearchQuery> children =
        q instanceof SearchQuery.And and
            ? and.queries()
            : q instanceof SearchQuery.Or or
                ? or.queries()
                : List.of(((SearchQuery.Not) q).query());
    int max = 0;
    for (SearchQuery child : children) {
      max = Math.max(max, cost(child));
    }
    return max;
  }

  private static boolean contains(List<UidSet.Range> ranges, long uid) {
    int low = 0;
    int high = ranges.size() - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      UidSet.Range range = ranges.get(mid);
      if (uid < range.first()) {
        high = mid - 1;
      } else if (uid > range.last()) {
        low = mid + 1;
      } else {
        return true;
      }
    }
    return false;
  }

  private static byte[] utf8Form(String needle) {
    return SearchText.searchForm(needle).getBytes(StandardCharsets.UTF_8);
  }

  /** One row's stored content, read on first need and kept for the row's other keys. */
  private static final class Content {
    private final VaultConnection connection;
    private final ContentCache cache;
    private final Row row;
    private ByteSource source;
    private MimePart tree;
    private byte[] header;
    private String headerText;
    private boolean storedRead;
    private StoredText stored;
    private String bodyForm;

    Content(VaultConnection connection, ContentCache cache, Row row) {
      this.connection = connection;
      this.cache = cache;
      this.row = row;
    }

    byte[] header() throws IOException {
      if (header == null) {
        header = SearchText.header(tree(), source());
      }
      return header;
    }

    String headerText() throws IOException {
      if (headerText == null) {
        headerText = SearchText.headerText(header());
      }
      return headerText;
    }

    boolean headerContains(String needle) throws IOException {
      if (SearchText.searchable(needle) && stored() != null) {
        return stored().contains(StoredText.HEADER, utf8Form(needle));
      }
      return SearchText.contains(headerText(), needle);
    }

    /**
     * The index's stored body text when it has this content (one read, no decoding), else the text
     * parts one by one until one matches. The two agree for every needle the stored form can hold
     * ({@link SearchText#searchable}).
     */
    boolean bodyContains(String needle) throws IOException {
      if (SearchText.searchable(needle) && stored() != null) {
        return stored().contains(StoredText.BODY, utf8Form(needle));
      }
      return SearchText.bodyContains(tree(), source(), needle);
    }

    String headerForm() throws IOException {
      return stored() != null
          ? stored().column(StoredText.HEADER)
          : SearchText.searchForm(headerText());
    }

    String bodyForm() throws IOException {
      if (bodyForm == null) {
        bodyForm =
            stored() != null
                ? stored().column(StoredText.BODY)
                : SearchText.searchForm(SearchText.bodyText(tree(), source()));
      }
      return bodyForm;
    }

    private StoredText stored() throws IOException {
      if (!storedRead) {
        try {
          stored = TextIndex.text(connection, row.contentId()).orElse(null);
        } catch (SQLException e) {
          throw new IOException("cannot read the full-text index", e);
        }
        storedRead = true;
      }
      return stored;
    }

    private ByteSource source() {
      if (source == null) {
        source = ContentStore.source(connection, cache, row.contentId(), row.size());
      }
      return source;
    }

    private MimePart tree() throws IOException {
      if (tree == null) {
        try {
          tree = MimePartCodec.decode(row.mimeTree());
        } catch (IllegalArgumentException e) {
          throw new IOException("the stored part tree is damaged", e);
        }
      }
      return tree;
    }
  }
}
