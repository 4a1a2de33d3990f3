package dev.mailvault.imap.session;

import dev.mailvault.core.mail.UidSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An ascending set of UIDs kept as runs of consecutive UIDs, so that sequence numbers map to UIDs
 * and back without a slot per message (docs/adr/0228-selected-folder-as-uid-runs.md). A mailbox's
 * UIDs are mostly consecutive: 100,000 imported messages are one run of 8 bytes where a {@code
 * long[]} took 800 KB; each expunge in the middle of a run adds one. Worst case (every other UID
 * gone) it takes 4 bytes per message, half of a {@code long[]}.
 *
 * <p>Run {@code i} starts at UID {@code first[i]} (unsigned 32 bits, RFC 9051 §2.3.1.1) and ends at
 * sequence number {@code end[i]}: its length is {@code end[i] - end[i - 1]}. Lookups are binary
 * searches; removing a UID is linear in the number of runs. Not thread-safe.
 */
public final class UidRuns {

  private int[] first;
  private int[] end;
  private int runs;

  public UidRuns() {
    this.first = new int[4];
    this.end = new int[4];
  }

  /** The runs of {@code ascending}, a strictly ascending array of UIDs. */
  public static UidRuns of(long[] ascending) {
    UidRuns r = new UidRuns();
    r.addAll(ascending, 0);
    return r;
  }

  /** How many UIDs. */
  public int size() {
    return runs == 0 ? 0 : end[runs - 1];
  }

  /** How many runs (for tests and the benchmark's reasoning). */
  int runCount() {
    return runs;
  }

  /** The largest UID, 0 when empty. */
  public long last() {
    return runs == 0 ? 0 : firstOf(runs - 1) + length(runs - 1) - 1;
  }

  /** The UID at 1-based position {@code seq}. */
  public long uidAt(int seq) {
    if (seq < 1 || seq > size()) {
      throw new IndexOutOfBoundsException("position " + seq + " of " + size());
    }
    int i = runEndingAtOrAfter(seq);
    return firstOf(i) + (seq - startSeq(i));
  }

  /** The 1-based position of {@code uid}, or 0 when absent. */
  public int positionOf(long uid) {
    int i = runStartingAtOrBefore(uid);
    if (i < 0) {
      return 0;
    }
    long offset = uid - firstOf(i);
    return offset < length(i) ? startSeq(i) + (int) offset : 0;
  }

  public boolean contains(long uid) {
    return positionOf(uid) > 0;
  }

  /** Appends the UIDs of {@code ascending} from index {@code from} on; each above {@link #last}. */
  public void addAll(long[] ascending, int from) {
    for (int k = from; k < ascending.length; k++) {
      add(ascending[k]);
    }
  }

  /** Appends {@code uid}, which must be above {@link #last}. */
  public void add(long uid) {
    long last = last();
    if (uid <= last || uid > UidSet.MAX_UID) {
      throw new IllegalArgumentException("UID " + uid + " is not above " + last);
    }
    if (runs > 0 && uid == last + 1) {
      end[runs - 1]++;
      return;
    }
    grow(runs + 1);
    first[runs] = (int) uid;
    end[runs] = size() + 1;
    runs++;
  }

  /** Removes {@code uid}; returns the position it had, 0 when absent. */
  public int remove(long uid) {
    int seq = positionOf(uid);
    if (seq == 0) {
      return 0;
    }
    int i = runStartingAtOrBefore(uid);
    long start = firstOf(i);
    long length = length(i);
    if (length == 1) {
      System.arraycopy(first, i + 1, first, i, runs - i - 1);
      System.arraycopy(end, i + 1, end, i, runs - i - 1);
      runs--;
    } else if (uid == start) {
      first[i] = (int) (uid + 1);
    } else if (uid != start + length - 1) {
      // split [start, uid - 1] [uid + 1, ...]: the left part ends just before uid's position
      grow(runs + 1);
      System.arraycopy(first, i + 1, first, i + 2, runs - i - 1);
      System.arraycopy(end, i, end, i + 1, runs - i);
      first[i + 1] = (int) (uid + 1);
      end[i] = seq - 1;
      runs++;
      i++;
    }
    for (int k = i; k < runs; k++) {
      end[k]--;
    }
    return seq;
  }

  /** The UIDs at positions {@code [fromSeq, toSeq]} (clamped to the size), as ranges. */
  public List<UidSet.Range> atPositions(long fromSeq, long toSeq) {
    List<UidSet.Range> ranges = new ArrayList<>();
    long to = Math.min(toSeq, size());
    if (fromSeq > to) {
      return ranges;
    }
    for (int i = runEndingAtOrAfter((int) fromSeq); i < runs && startSeq(i) <= to; i++) {
      long a = Math.max(fromSeq, startSeq(i));
      long b = Math.min(to, end[i]);
      ranges.add(new UidSet.Range(firstOf(i) + a - startSeq(i), firstOf(i) + b - startSeq(i)));
    }
    return ranges;
  }

  /** The UIDs of this set within {@code [low, high]}, as ranges. */
  public List<UidSet.Range> within(long low, long high) {
    List<UidSet.Range> ranges = new ArrayList<>();
    int i = runStartingAtOrBefore(low);
    for (i = Math.max(i, 0); i < runs && firstOf(i) <= high; i++) {
      long a = Math.max(low, firstOf(i));
      long b = Math.min(high, firstOf(i) + length(i) - 1);
      if (a <= b) {
        ranges.add(new UidSet.Range(a, b));
      }
    }
    return ranges;
  }

  /** Every UID, ascending (a new array). */
  public long[] toArray() {
    long[] all = new long[size()];
    int k = 0;
    for (int i = 0; i < runs; i++) {
      long start = firstOf(i);
      for (long n = length(i), j = 0; j < n; j++) {
        all[k++] = start + j;
      }
    }
    return all;
  }

  /** Bytes this set holds on the heap beyond its object header, for the benchmark's ADR. */
  long footprint() {
    return 8L * first.length;
  }

  private long firstOf(int i) {
    return Integer.toUnsignedLong(first[i]);
  }

  private int startSeq(int i) {
    return (i == 0 ? 0 : end[i - 1]) + 1;
  }

  private long length(int i) {
    return end[i] - (i == 0 ? 0 : end[i - 1]);
  }

  /** The run holding position {@code seq}: the first whose end is at or after it. */
  private int runEndingAtOrAfter(int seq) {
    int i = Arrays.binarySearch(end, 0, runs, seq);
    return i >= 0 ? i : -i - 1;
  }

  /** The last run starting at or before {@code uid}, -1 when none. */
  private int runStartingAtOrBefore(long uid) {
    int low = 0;
    int high = runs - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      if (firstOf(mid) <= uid) {
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return high;
  }

  private void grow(int needed) {
    if (needed > first.length) {
      int size = Math.max(needed, first.length + (first.length >> 1) + 1);
      first = Arrays.copyOf(first, size);
      end = Arrays.copyOf(end, size);
    }
  }
}
