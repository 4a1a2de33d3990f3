package dev.mailvault.imap.search;

import dev.mailvault.imap.codec.ResponseWriter;
import java.util.Arrays;

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
    long[] numbers = numbers(uid, matchingUids, view);
    ResponseWriter out = new ResponseWriter(false).untagged();
    if (!shape.esearch()) {
      out.atom("SEARCH");
      for (long n : numbers) {
        out.sp().number(n);
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
    return out.crlf().toBytes();
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
