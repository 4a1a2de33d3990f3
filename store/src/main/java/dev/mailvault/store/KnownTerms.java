package dev.mailvault.store;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Terms a vault's {@code text_terms} is known to hold, most recently used kept, so an append asks
 * SQLite only about the terms this set has not seen (docs/adr/0219-full-text-index.md). A message
 * has hundreds of distinct terms, nearly all common words; probing the vocabulary's index for each
 * read and decrypted pages that no page cache of reasonable size holds. A term is added only after
 * the transaction that wrote it committed, and terms are never removed from the table, so a term
 * here is always there.
 */
final class KnownTerms {

  /** About 4 MB of strings at most: a language's working vocabulary fits. */
  static final int CAPACITY = 65_536;

  private final Map<String, Boolean> terms;

  KnownTerms(int capacity) {
    this.terms =
        new LinkedHashMap<>(1024, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > capacity;
          }
        };
  }

  synchronized boolean contains(String term) {
    return terms.get(term) != null;
  }

  synchronized void addAll(Iterable<String> committed) {
    for (String term : committed) {
      terms.put(term, Boolean.TRUE);
    }
  }
}
