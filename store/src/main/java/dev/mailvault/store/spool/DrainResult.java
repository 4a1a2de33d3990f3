package dev.mailvault.store.spool;

import java.util.List;

/**
 * What one drain did.
 *
 * @param count items appended to INBOX by this drain
 * @param bytes raw message bytes of those items
 * @param alreadyApplied items a previous, interrupted drain had stored already; only their files
 *     were deleted
 * @param unreadable ids of items that could not be opened with the key; left in place for an
 *     operator
 */
public record DrainResult(int count, long bytes, int alreadyApplied, List<String> unreadable) {

  public DrainResult {
    unreadable = List.copyOf(unreadable);
  }
}
