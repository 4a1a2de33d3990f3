package dev.mailvault.core.sort;

import java.util.Arrays;

/**
 * What THREAD=REFERENCES knows of the messages it threads (RFC 5256 §3), one row per message in
 * mailbox (UID) order: the sent date as a number, and the msg-ids and base subject as numbers of
 * {@link #ids()} and {@link #subjects()}, so that threading 100,000 messages compares ints rather
 * than Strings (docs/adr/0233-thread-keys-as-numbers.md). Not thread-safe.
 */
public final class ThreadKeys {

  private static final int[] NONE = new int[0];

  private final KeyNumbers ids = new KeyNumbers();
  private final KeyNumbers subjectNumbers = new KeyNumbers();
  long[] uids = new long[1024];
  long[] dates = new long[1024];
  int[] messageIds = new int[1024];
  int[][] references = new int[1024][];
  int[] subjects = new int[1024];
  boolean[] replies = new boolean[1024];
  int size;

  /** The numbers of msg-ids, shared by every row's Message-ID and references. */
  public KeyNumbers ids() {
    return ids;
  }

  /** The numbers of base subjects. */
  public KeyNumbers subjects() {
    return subjectNumbers;
  }

  /**
   * Adds the next message in mailbox order.
   *
   * @param date its sent date's {@link #dateKey}
   * @param messageId its msg-id's number, 0 for none
   * @param refs its references' numbers, oldest first (kept, not copied)
   * @param subject its base subject's number, 0 for an empty one
   * @param reply whether its subject was a reply or forward
   */
  public void add(long uid, long date, int messageId, int[] refs, int subject, boolean reply) {
    if (size == uids.length) {
      int n = size * 2;
      uids = Arrays.copyOf(uids, n);
      dates = Arrays.copyOf(dates, n);
      messageIds = Arrays.copyOf(messageIds, n);
      references = Arrays.copyOf(references, n);
      subjects = Arrays.copyOf(subjects, n);
      replies = Arrays.copyOf(replies, n);
    }
    uids[size] = uid;
    dates[size] = date;
    messageIds[size] = messageId;
    references[size] = refs.length == 0 ? NONE : refs;
    subjects[size] = subject;
    replies[size] = reply;
    size++;
  }

  /** How many messages were added. */
  public int size() {
    return size;
  }

  /**
   * A stored sent date (ISO-8601 UTC to the second, {@code 2024-01-05T09:30:00Z}) as a number in
   * the same order: its digits read as one decimal number ({@code 20240105093000}). A year past
   * 9999 ({@code +10000-...}) has more digits and so comes later, a year before 0 is negative.
   */
  public static long dateKey(byte[] bytes, int offset, int length) {
    long key = 0;
    int digits = 0;
    for (int i = offset; i < offset + length && digits < 18; i++) {
      byte b = bytes[i];
      if (b >= '0' && b <= '9') {
        key = key * 10 + (b - '0');
        digits++;
      }
    }
    return length > 0 && bytes[offset] == '-' ? -key : key;
  }

  /** {@link #dateKey(byte[], int, int)} of a date as text. */
  public static long dateKey(String iso) {
    byte[] bytes = iso.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    return dateKey(bytes, 0, bytes.length);
  }
}
