package dev.mailvault.core.quota;

/**
 * The usage counter of one alias (and through it of its domain and account). The store reserves
 * before it writes and releases what it frees, so usage is tracked as mail is stored and removed,
 * never by scanning vaults.
 *
 * <p>Implementations are thread-safe. A reservation that is not followed by a commit must be
 * released by the caller; a crash in between over-counts (the safe direction) until the next
 * reconciliation.
 */
public interface QuotaLedger {

  /**
   * Reserves room for {@code bytes} and {@code messages}.
   *
   * @throws OverQuotaException when any limit on the alias, its domain or its account would be
   *     exceeded; nothing is reserved then
   */
  void reserve(long bytes, long messages) throws OverQuotaException;

  /** Gives back room reserved or used earlier (never below zero). */
  void release(long bytes, long messages);

  /** A ledger with no limits, for tools and tests that do not track quota. */
  QuotaLedger UNLIMITED =
      new QuotaLedger() {
        @Override
        public void reserve(long bytes, long messages) {}

        @Override
        public void release(long bytes, long messages) {}
      };
}
