package dev.mailvault.imap.search;

import dev.mailvault.imap.codec.ResponseWriter;
import java.util.Arrays;
import java.util.Map;

/**
 * Writes the untagged answer of a SEARCH: {@code * SEARCH 2 5 9} (RFC 3501 §7.2.5) or {@code *
 * ESEARCH (TAG "A1") UID MIN 2 MAX 9 COUNT 3 ALL 2,5:9} (RFC 4731 §3.1, RFC 9051 §7.3.4). Matches
 * the session does not know yet (appended by another session, not announced by EXISTS) are left
 * out, so no answer names a message the client cannot address.
 */
public final class SearchResponseFormatter {

  private SearchResponseFormatter() {}

  /**
   * @param tag the command's tag, for ESEARCH's {@code (TAG ...)}
   * @param uid whether it was UID SEARCH (the numbers are UIDs, not sequence numbers)
   * @param matchingUids what the store found, ascending
   */
  public static byte[] format(
      String tag, boolean uid, SearchReturn shape, long[] matchingUids, SearchView view) {
    return format(tag, uid, shape, matchingUids, view, null);
  }

  /**
   * {@link #format(String, boolean, SearchReturn, long[], SearchView)} for a search with a MODSEQ
   * key (RFC 7162 §3.1.5): the answer ends with the highest MODSEQ of the messages it returns.
   *
   * @param modseqs the MODSEQ of each match by UID, or null when the search had no MODSEQ key
   */
  public static byte[] format(
      String tag,
      boolean uid,
      SearchReturn shape,
      long[] matchingUids,
      SearchView view,
      Map<Long, Long> modseqs) {
    long[] numbers = numbers(uid, matchingUids, view);
    long[] known = modseqs == null ? new long[0] : numbers(true, matchingUids, view);
    if (!shape.esearch()) {
      ResponseWriter out = new ResponseWriter(false).untagged().atom("SEARCH");
      for (long n : numbers) {
        out.sp().number(n);
      }
      if (modseqs != null && known.length > 0) {
        // RFC 7162 §3.1.5: "* SEARCH 2 5 (MODSEQ 917162500)"
        out.sp().open().atom("MODSEQ").sp().number(highest(modseqs, known)).close();
      }
      return out.crlf().toBytes();
    }
    long modseq =
        modseqs != null && known.length > 0 ? highest(modseqs, returned(shape, known)) : 0;
    return esearch(tag, uid, shape, numbers, false, modseq);
  }

  /**
   * Writes the answer of a SORT: {@code * SORT 3 1 2} (RFC 5256 §4), or with RETURN an ESEARCH
   * (ESORT, RFC 5267 §3.1) whose MIN and MAX are the first and last in sort order and whose ALL and
   * PARTIAL keep the sort order, joining only ascending runs ({@code 5,3:4,2}).
   *
   * @param sortedUids what the store found, in sort order
   */
  public static byte[] formatSorted(
      String tag, boolean uid, SearchReturn shape, long[] sortedUids, SearchView view) {
    long[] numbers = numbers(uid, sortedUids, view);
    if (!shape.esearch()) {
      ResponseWriter out = new ResponseWriter(false).untagged().atom("SORT");
      for (long n : numbers) {
        out.sp().number(n);
      }
      return out.crlf().toBytes();
    }
    return esearch(tag, uid, shape, numbers, true, 0);
  }

  /**
   * ESEARCH, or nothing for SAVE alone (RFC 5182 §2.1: no result data was asked for); {@code
   * modseq} above 0 is the MODSEQ a search with a MODSEQ key ends with (RFC 7162 §3.1.5).
   */
  private static byte[] esearch(
      String tag, boolean uid, SearchReturn shape, long[] numbers, boolean sorted, long modseq) {
    if (shape.save() && !shape.update() && !shape.anyData()) {
      return new byte[0];
    }
    ResponseWriter out = new ResponseWriter(false).untagged();
    out.atom("ESEARCH").sp().open().atom("TAG").sp().string(tag).close();
    if (uid) {
      out.sp().atom("UID");
    }
    long[] ascending = numbers;
    if (sorted) {
      ascending = numbers.clone();
      Arrays.sort(ascending);
    }
    // RFC 4731 §3.1: MIN, MAX and ALL are left out when nothing matched; COUNT says 0.
    if (shape.min() && numbers.length > 0) {
      out.sp().atom("MIN").sp().number(sorted ? numbers[0] : ascending[0]);
    }
    if (shape.max() && numbers.length > 0) {
      long max = sorted ? numbers[numbers.length - 1] : ascending[ascending.length - 1];
      out.sp().atom("MAX").sp().number(max);
    }
    if (shape.count()) {
      out.sp().atom("COUNT").sp().number(numbers.length);
    }
    if (shape.all() && numbers.length > 0) {
      out.sp().atom("ALL").sp().atom(compress(numbers));
    }
    if (shape.partialFirst() != 0) {
      out.sp().atom("PARTIAL").sp().open();
      out.atom(shape.partialFirst() + ":" + shape.partialLast()).sp();
      long[] window = partial(numbers, shape.partialFirst(), shape.partialLast());
      // RFC 5267 §4.4: NIL when no result falls in the range.
      out.atom(window.length == 0 ? "NIL" : compress(window));
      out.close();
    }
    if (modseq > 0) {
      out.sp().atom("MODSEQ").sp().number(modseq);
    }
    return out.crlf().toBytes();
  }

  /**
   * The matches an ESEARCH answer returns, for its MODSEQ (RFC 4731 §3.2 as RFC 7162 §3.1.5 reads
   * it): only the lowest for MIN alone, the highest for MAX alone, both for MIN and MAX, every
   * match when ALL or COUNT is asked.
   */
  private static long[] returned(SearchReturn shape, long[] known) {
    if (shape.all() || shape.count()) {
      return known;
    }
    long first = known[0];
    long last = known[known.length - 1];
    if (shape.min() && shape.max()) {
      return new long[] {first, last};
    }
    return shape.min() ? new long[] {first} : new long[] {last};
  }

  private static long highest(Map<Long, Long> modseqs, long[] uids) {
    long highest = 0;
    for (long uid : uids) {
      highest = Math.max(highest, modseqs.getOrDefault(uid, 0L));
    }
    return highest;
  }

  /**
   * The results at positions {@code first..last} (1-based), or counted from the end when both are
   * negative (RFC 9394 §3.1: -1 is the last).
   */
  static long[] partial(long[] results, long first, long last) {
    long from;
    long to;
    if (first < 0) {
      from = results.length + first;
      to = results.length + last;
    } else {
      from = first - 1;
      to = last - 1;
    }
    from = Math.max(from, 0);
    to = Math.min(to, results.length - 1L);
    if (from > to) {
      return new long[0];
    }
    return Arrays.copyOfRange(results, (int) from, (int) to + 1);
  }

  /** The session's numbers for the matches it knows: UIDs, or sequence numbers, ascending. */
  static long[] numbers(boolean uid, long[] matchingUids, SearchView view) {
    long[] numbers = new long[matchingUids.length];
    int n = 0;
    for (long match : matchingUids) {
      int sequence = view.sequenceOf(match);
      if (sequence > 0) {
        numbers[n++] = uid ? match : sequence;
      }
    }
    return Arrays.copyOf(numbers, n);
  }

  /**
   * Numbers as a sequence set, in their order, each ascending run of consecutive numbers as one
   * range: {@code 2,5:9} (RFC 9051 §9 sequence-set).
   */
  public static String compress(long[] ascending) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < ascending.length) {
      int j = i;
      while (j + 1 < ascending.length && ascending[j + 1] == ascending[j] + 1) {
        j++;
      }
      if (out.length() > 0) {
        out.append(',');
      }
      out.append(ascending[i]);
      if (j > i) {
        out.append(':').append(ascending[j]);
      }
      i = j + 1;
    }
    return out.toString();
  }
}
