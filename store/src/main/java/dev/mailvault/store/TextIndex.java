package dev.mailvault.store;

import dev.mailvault.core.mime.SearchText;
import dev.mailvault.store.content.SegmentCodec;
import dev.mailvault.store.sqlite.VaultConnection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * SQL of the full-text index (vault schema 11, docs/adr/0219-full-text-index.md): the terms of each
 * content's {@link MessageText} in {@code message_words} (rowid = {@code contents.id}), the text
 * itself compressed in {@code message_text}, and every term ever indexed in {@code text_terms}.
 * Contents stored before the index existed are added by {@link TextIndexBuilder}; until it is done,
 * every content whose id is below {@link #unindexedBelow} may be missing, and SEARCH reads those by
 * scan.
 */
final class TextIndex {

  /** The subject and addresses, then the whole header: what every header key's text lies in. */
  static final String HEADER_COLUMNS = "{meta header}";

  static final String BODY_COLUMNS = "{body}";

  static final String TEXT_COLUMNS = "{header body}";

  /**
   * The terms a needle piece that may sit inside a word is widened to at most; a piece found in
   * more words than this (a common syllable) gives no condition, and the search reads by scan.
   */
  static final int MAX_TERMS = 256;

  /** Pieces and terms longer than this are left to the confirm step (FTS5 truncates tokens). */
  static final int MAX_TERM_CHARS = 256;

  /** Needle pieces a query uses at most, the longest first. */
  static final int MAX_PIECES = 8;

  /** The trigrams of a piece one look-up in {@code text_terms} asks for at most. */
  static final int MAX_TRIGRAMS = 16;

  /** A query that no indexed content matches: the needle's piece is in no indexed word. */
  static final String NOTHING = "";

  private static final String BELOW = "text_index_below";

  private static final String THROUGH = "text_indexed_through";

  private TextIndex() {}

  static void insert(WriteTx tx, KnownTerms known, long contentId, MessageText text)
      throws SQLException {
    VaultConnection c = tx.connection();
    Set<String> terms = TextTerms.of(text.meta(), text.header(), text.body(), text.names());
    terms.removeIf(known::contains);
    if (!terms.isEmpty()) {
      // one statement for every term of the message: known terms are skipped inside SQLite, and
      // the trigger indexes the new ones. Terms hold no quote, backslash or control character
      // (those are ASCII separators), so the JSON array needs no escaping.
      StringBuilder json = new StringBuilder(terms.size() * 8).append('[');
      for (String term : terms) {
        json.append(json.length() > 1 ? ",\"" : "\"").append(term).append('"');
      }
      c.update(
          "INSERT OR IGNORE INTO text_terms(term) SELECT value FROM json_each(?)",
          json.append(']').toString());
      tx.afterCommit(() -> known.addAll(terms));
    }
    c.update(
        "INSERT INTO message_words(rowid, meta, header, body, names) VALUES (?, ?, ?, ?, ?)",
        contentId,
        text.meta(),
        text.header(),
        text.body(),
        text.names());
    SegmentCodec.Encoded stored = SegmentCodec.encode(StoredText.serialize(text));
    c.update(
        "INSERT INTO message_text(content_id, codec, length, text) VALUES (?, ?, ?, ?)",
        contentId,
        stored.codec().id(),
        stored.length(),
        stored.data());
  }

  /** Drops the rows of a content that is gone; nothing when it was never indexed. */
  static void delete(VaultConnection c, long contentId) throws SQLException {
    Optional<StoredText> stored = text(c, contentId);
    if (stored.isEmpty()) {
      return;
    }
    // a contentless FTS5 table deletes a row given the values it was inserted with
    MessageText t = stored.get().text();
    c.update(
        "INSERT INTO message_words(message_words, rowid, meta, header, body, names)"
            + " VALUES ('delete', ?, ?, ?, ?, ?)",
        contentId,
        t.meta(),
        t.header(),
        t.body(),
        t.names());
    c.update("DELETE FROM message_text WHERE content_id = ?", contentId);
  }

  static boolean isIndexed(VaultConnection c, long contentId) throws SQLException {
    return c.queryLong("SELECT 1 FROM message_text WHERE content_id = ?", contentId).isPresent();
  }

  /** Contents with an id below this may be missing from the index; 0 when none is. */
  static long unindexedBelow(VaultConnection c) throws SQLException {
    return c.queryLong("SELECT value FROM vault_meta WHERE key = ?", BELOW).orElse(0);
  }

  static void setUnindexedBelow(VaultConnection c, long below) throws SQLException {
    c.update("UPDATE vault_meta SET value = ? WHERE key = ?", below, BELOW);
  }

  /** Contents with an id above this may be missing from the index: stored since the last batch. */
  static long indexedThrough(VaultConnection c) throws SQLException {
    return c.queryLong("SELECT value FROM vault_meta WHERE key = ?", THROUGH).orElse(0);
  }

  /**
   * {@link #indexedThrough}, or {@code Long.MAX_VALUE} when no content is above it: then a search
   * needs no condition for them, which keeps its plan on the index.
   */
  static long unindexedAbove(VaultConnection c) throws SQLException {
    long through = indexedThrough(c);
    long top = c.queryLong("SELECT coalesce(max(id), 0) FROM contents").orElse(0);
    return top > through ? through : Long.MAX_VALUE;
  }

  static void setIndexedThrough(VaultConnection c, long through) throws SQLException {
    c.update("UPDATE vault_meta SET value = ? WHERE key = ?", through, THROUGH);
  }

  /** The stored text of an indexed content. */
  static Optional<StoredText> text(VaultConnection c, long contentId) throws SQLException {
    try (ResultSet r =
        c.bind("SELECT codec, length, text FROM message_text WHERE content_id = ?", contentId)
            .executeQuery()) {
      if (!r.next()) {
        return Optional.empty();
      }
      byte[] raw = SegmentCodec.byId(r.getInt(1)).decode(r.getBytes(3), r.getInt(2));
      return Optional.of(StoredText.of(raw));
    }
  }

  /**
   * The FTS5 query that finds every indexed content whose {@code columns} hold {@code needle} (RFC
   * 9051 §6.4.4 substring, case-insensitive), or {@link #NOTHING} when none can. Each piece of the
   * needle (a run of term characters, {@link TextTerms#pieces}) must be in the text as a whole
   * term, a term's start or end, or inside a term; the query asks for the pieces whose terms the
   * index finds directly (a whole word, a word's start of three characters or more), and when there
   * is none, for the words of {@code text_terms} that hold the longest piece that may sit inside or
   * at the end of a word. Empty when the index cannot give such a superset: the needle holds what
   * {@link SearchText#searchForm} replaces, has no term character, or its pieces are short or
   * common.
   */
  static Optional<String> match(VaultConnection c, String columns, String needle)
      throws SQLException {
    if (!SearchText.searchable(needle)) {
      return Optional.empty();
    }
    List<TextTerms.Piece> pieces = TextTerms.pieces(SearchText.searchForm(needle));
    List<String> conditions = new ArrayList<>();
    List<TextTerms.Piece> byLength = new ArrayList<>(pieces);
    byLength.sort((a, b) -> b.text().length() - a.text().length());
    for (TextTerms.Piece piece : byLength) {
      if (conditions.size() == MAX_PIECES || piece.text().length() > MAX_TERM_CHARS) {
        continue;
      }
      if (piece.fit() == TextTerms.Fit.WHOLE) {
        conditions.add(quoted(piece.text()));
      } else if (piece.fit() == TextTerms.Fit.START && piece.text().length() >= 3) {
        // a prefix query reads a range of the term dictionary; under three characters that
        // range is a large part of it
        conditions.add(quoted(piece.text()) + " *");
      }
    }
    if (conditions.isEmpty()) {
      // no piece the index finds directly: widen the longest one that may sit inside a word
      Optional<TextTerms.Piece> widened =
          byLength.stream()
              .filter(p -> p.fit() == TextTerms.Fit.END || p.fit() == TextTerms.Fit.INSIDE)
              .findFirst();
      Optional<List<String>> words =
          widened.isPresent() ? wordsHolding(c, widened.get()) : Optional.empty();
      if (words.isEmpty()) {
        return Optional.empty();
      }
      if (words.get().isEmpty()) {
        return Optional.of(NOTHING);
      }
      List<String> quoted = new ArrayList<>();
      words.get().forEach(w -> quoted.add(quoted(w)));
      conditions.add("(" + String.join(" OR ", quoted) + ")");
    }
    if (conditions.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(columns + " : (" + String.join(" AND ", conditions) + ")");
  }

  /**
   * The indexed words that hold {@code piece} where its fit says (inside, or at the end), from the
   * trigram index over {@code text_terms}; empty when the piece is too short for trigrams or too
   * common to be worth it.
   */
  private static Optional<List<String>> wordsHolding(VaultConnection c, TextTerms.Piece piece)
      throws SQLException {
    int[] points = piece.text().codePoints().toArray();
    if (points.length < 3 || piece.text().length() > MAX_TERM_CHARS) {
      return Optional.empty();
    }
    LinkedHashSet<String> distinct = new LinkedHashSet<>();
    for (int i = 0; i + 3 <= points.length; i++) {
      distinct.add(new String(points, i, 3));
    }
    List<String> all = new ArrayList<>(distinct);
    int n = Math.min(all.size(), MAX_TRIGRAMS);
    List<String> trigrams = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      // spread over the piece, first and last included
      trigrams.add(quoted(all.get(n == 1 ? 0 : (int) ((long) k * (all.size() - 1) / (n - 1)))));
    }
    List<String> words = new ArrayList<>();
    try (ResultSet r =
        c.bind(
                "SELECT t.term FROM text_term_trigrams g JOIN text_terms t ON t.id = g.rowid"
                    + " WHERE text_term_trigrams MATCH ?",
                String.join(" AND ", trigrams))
            .executeQuery()) {
      while (r.next()) {
        String word = r.getString(1);
        boolean fits =
            piece.fit() == TextTerms.Fit.END
                ? word.endsWith(piece.text())
                : word.contains(piece.text());
        if (!fits) {
          continue;
        }
        if (words.size() == MAX_TERMS || word.length() > MAX_TERM_CHARS) {
          return Optional.empty();
        }
        words.add(word);
      }
    }
    return Optional.of(words);
  }

  private static String quoted(String term) {
    // terms hold no ASCII punctuation, so no double quote to escape
    return '"' + term + '"';
  }
}
