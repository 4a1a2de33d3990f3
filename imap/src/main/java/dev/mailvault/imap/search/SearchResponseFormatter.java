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
    ResponseWriter out = new ResponseWriter(false).untagged();
    if (!shape.esearch()) {
      out.atom("SEARCH");
      for (long n : numbers) {
        out.sp().number(n);
      }
      if (modseqs != null && known.length > 0) {
        // RFC 7162 §3.1.5: "* SEARCH 2 5 (MODSEQ 917162500)"
        out.sp().open().atom("MODSEQ").sp().number(highest(modseqs, known)).close();
      }
      return out.crlf().toBytes();
    }
    out.atom("ESEARCH").sp().open().atom("TAG").sp().string(tag).close();
    if (uid) {
      out.sp().atom("UID");
    }
    // RFC 4731 §3.1: MIN, MAX and ALL are left out when nothing matched; COUNT says 0.
    if (shape.min() && numbers.length > 0) {
      out.sp().atom("MIN").sp().number(numbers[0]);
    }
    if (shape.max() && numbers.length > 0) {
      out.sp().atom("MAX").sp().number(numbers[numbers.length - 1]);
    }
    if (shape.count()) {
      out.sp().atom("COUNT").sp().number(numbers.length);
    }
    if (shape.all() && numbers.length > 0) {
      out.sp().atom("ALL").sp().atom(compress(numbers));
    }
    if (modseqs != null && known.length > 0) {
      out.sp().atom("MODSEQ").sp().number(highest(modseqs, returned(shape, known)));
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

  /** Ascending numbers as a sequence set with ranges: {@code 2,5:9} (RFC 9051 §9 sequence-set). */
  static String compress(long[] ascending) {
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
