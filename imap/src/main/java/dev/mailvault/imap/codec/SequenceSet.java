package dev.mailvault.imap.codec;

import dev.mailvault.core.mail.UidSet;
import java.util.ArrayList;
import java.util.List;

/**
 * A sequence set as the client wrote it (RFC 9051 §9 {@code sequence-set}): ranges of message
 * sequence numbers or UIDs where {@link #STAR} stands for the largest in use, or {@code $}, the
 * result saved by the last {@code SEARCH RETURN (SAVE)} (RFC 5182).
 *
 * @param ranges the ranges in the order written; each bound is a number or {@link #STAR}
 * @param saved whether this is {@code $} (then {@code ranges} is empty)
 */
public record SequenceSet(List<Range> ranges, boolean saved) {

  /** The bound {@code *}; no message has number 0 (RFC 9051 §9: nz-number). */
  public static final long STAR = 0;

  /** {@code $}. */
  public static final SequenceSet SAVED = new SequenceSet(List.of(), true);

  /** One range {@code first:last}; the bounds may come in either order (RFC 9051 §9 seq-range). */
  public record Range(long first, long last) {}

  public SequenceSet {
    ranges = List.copyOf(ranges);
    if (saved != ranges.isEmpty()) {
      throw new IllegalArgumentException("a sequence set is either $ or ranges");
    }
  }

  public static SequenceSet of(Range... ranges) {
    return new SequenceSet(List.of(ranges), false);
  }

  /**
   * The numbers this set names when the largest in use is {@code largest} ({@code *} becomes {@code
   * largest}; RFC 9051 §6.4.8 lets {@code n:*} name {@code largest} even when {@code n} is larger).
   * Not for {@code $}, which the session resolves.
   */
  public UidSet resolve(long largest) {
    if (saved) {
      throw new IllegalStateException("$ is resolved by the session");
    }
    List<UidSet.Range> resolved = new ArrayList<>();
    for (Range range : ranges) {
      long a = range.first() == STAR ? largest : range.first();
      long b = range.last() == STAR ? largest : range.last();
      long low = Math.min(a, b);
      long high = Math.min(Math.max(a, b), UidSet.MAX_UID);
      if (high >= 1) {
        resolved.add(new UidSet.Range(Math.max(1, low), high));
      }
    }
    return new UidSet(resolved);
  }

  @Override
  public String toString() {
    if (saved) {
      return "$";
    }
    StringBuilder out = new StringBuilder();
    for (Range range : ranges) {
      if (out.length() > 0) {
        out.append(',');
      }
      out.append(bound(range.first()));
      if (range.last() != range.first()) {
        out.append(':').append(bound(range.last()));
      }
    }
    return out.toString();
  }

  private static String bound(long value) {
    return value == STAR ? "*" : Long.toString(value);
  }
}
