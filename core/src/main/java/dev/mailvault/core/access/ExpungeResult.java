package dev.mailvault.core.access;

import java.util.List;

/**
 * What an expunge removed.
 *
 * @param uids the expunged UIDs, ascending
 * @param highestModseq the folder's HIGHESTMODSEQ afterwards
 */
public record ExpungeResult(List<Long> uids, long highestModseq) {

  public ExpungeResult {
    uids = List.copyOf(uids);
  }
}
