package dev.mailvault.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A set of UIDs as sorted, disjoint, non-adjacent ranges. The protocol layer resolves {@code *} and
 * sequence numbers before it builds one.
 *
 * @param ranges the ranges, ascending
 */
public record UidSet(List<Range> ranges) {

  /** The largest UID (RFC 9051 §2.3.1.1: a 32-bit value). */
  public static final long MAX_UID = 0xFFFF_FFFFL;

  /** One closed range {@code [first, last]}. */
  public record Range(long first, long last) {
    public Range {
      if (first < 1 || last < first || last > MAX_UID) {
        throw new IllegalArgumentException("bad UID range " + first + ":" + last);
      }
    }
  }

  public UidSet {
    List<Range> sorted = new ArrayList<>(ranges);
    sorted.sort(Comparator.comparingLong(Range::first));
    List<Range> merged = new ArrayList<>();
    for (Range range : sorted) {
      if (!merged.isEmpty() && merged.get(merged.size() - 1).last() + 1 >= range.first()) {
        Range previous = merged.remove(merged.size() - 1);
        merged.add(new Range(previous.first(), Math.max(previous.last(), range.last())));
      } else {
        merged.add(range);
      }
    }
    ranges = List.copyOf(merged);
  }

  /** Every UID: {@code 1:*}. */
  public static UidSet all() {
    return range(1, MAX_UID);
  }

  public static UidSet range(long first, long last) {
    return new UidSet(List.of(new Range(first, last)));
  }

  public static UidSet of(long... uids) {
    List<Range> ranges = new ArrayList<>();
    for (long uid : uids) {
      ranges.add(new Range(uid, uid));
    }
    return new UidSet(ranges);
  }

  public static UidSet of(List<Long> uids) {
    return of(uids.stream().mapToLong(Long::longValue).toArray());
  }

  public boolean contains(long uid) {
    for (Range range : ranges) {
      if (uid >= range.first() && uid <= range.last()) {
        return true;
      }
    }
    return false;
  }

  public boolean isEmpty() {
    return ranges.isEmpty();
  }
}
