package dev.mailvault.imap.search;

import java.util.Arrays;

/**
 * What one session knows of its selected mailbox when a SEARCH runs: the UID of each message
 * sequence number and the messages that are {@code \Recent} to it (IMAP4rev1 only; empty in
 * IMAP4rev2, RFC 9051 Appendix E).
 *
 * @param uidBySequence the UID of sequence number {@code i + 1} at index {@code i}, ascending
 * @param recentUids the {@code \Recent} UIDs, ascending
 */
public record SearchView(long[] uidBySequence, long[] recentUids) {

  public SearchView {
    uidBySequence = uidBySequence.clone();
    recentUids = recentUids.clone();
    requireAscending(uidBySequence, "uidBySequence");
    requireAscending(recentUids, "recentUids");
  }

  /** A view without {@code \Recent} messages (IMAP4rev2). */
  public static SearchView of(long[] uidBySequence) {
    return new SearchView(uidBySequence, new long[0]);
  }

  /** The number of messages (the EXISTS the session announced). */
  public int exists() {
    return uidBySequence.length;
  }

  /** The largest UID in the view, or 0 when it is empty. */
  public long largestUid() {
    return uidBySequence.length == 0 ? 0 : uidBySequence[uidBySequence.length - 1];
  }

  /** The sequence number of {@code uid}, or 0 when the session does not know the message. */
  public int sequenceOf(long uid) {
    int index = Arrays.binarySearch(uidBySequence, uid);
    return index < 0 ? 0 : index + 1;
  }

  private static void requireAscending(long[] values, String name) {
    for (int i = 1; i < values.length; i++) {
      if (values[i] <= values[i - 1]) {
        throw new IllegalArgumentException(name + " must be strictly ascending");
      }
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SearchView v
        && Arrays.equals(uidBySequence, v.uidBySequence)
        && Arrays.equals(recentUids, v.recentUids);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(uidBySequence) + Arrays.hashCode(recentUids);
  }

  @Override
  public String toString() {
    return "SearchView[" + uidBySequence.length + " messages, " + recentUids.length + " recent]";
  }
}
