package dev.mailvault.server.imapimport;

import java.util.List;

/** UIDs written as an IMAP sequence set with ranges (RFC 9051 §9 {@code sequence-set}). */
final class UidRanges {

  private UidRanges() {}

  /** {@code [1, 2, 3, 7, 9, 10]} gives {@code 1:3,7,9:10}; the UIDs must be ascending. */
  static String of(List<Long> ascending) {
    StringBuilder set = new StringBuilder();
    int i = 0;
    while (i < ascending.size()) {
      long start = ascending.get(i);
      long end = start;
      while (i + 1 < ascending.size() && ascending.get(i + 1) == end + 1) {
        end = ascending.get(++i);
      }
      if (set.length() > 0) {
        set.append(',');
      }
      set.append(start);
      if (end != start) {
        set.append(':').append(end);
      }
      i++;
    }
    return set.toString();
  }
}
