package dev.mailvault.core.access;

import java.util.List;

/**
 * The UID mapping of a COPY or MOVE, as UIDPLUS COPYUID reports it (RFC 4315 §3): {@code
 * sourceUids.get(i)} became {@code destinationUids.get(i)}. Both lists are empty when no message
 * matched.
 *
 * @param uidValidity the destination folder's UIDVALIDITY
 * @param sourceUids the source UIDs, ascending
 * @param destinationUids the new UIDs in the destination, in the same order
 */
public record CopyResult(long uidValidity, List<Long> sourceUids, List<Long> destinationUids) {

  public CopyResult {
    sourceUids = List.copyOf(sourceUids);
    destinationUids = List.copyOf(destinationUids);
  }

  public boolean isEmpty() {
    return sourceUids.isEmpty();
  }
}
