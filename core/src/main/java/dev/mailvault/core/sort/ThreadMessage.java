package dev.mailvault.core.sort;

import java.util.List;

/**
 * What the THREAD algorithms know of one message (RFC 5256 §3).
 *
 * @param uid its UID; mailbox order is UID order
 * @param date its sent date (the internal date when it has none) as ISO-8601 UTC of fixed width, so
 *     that text order is time order
 * @param messageId its msg-id, or empty
 * @param references its ancestors' msg-ids, oldest first
 * @param subject its base subject
 * @param subjectIsReply whether its subject was a reply or forward
 */
public record ThreadMessage(
    long uid,
    String date,
    String messageId,
    List<String> references,
    String subject,
    boolean subjectIsReply) {

  public ThreadMessage {
    references = List.copyOf(references);
  }

  /** Date order, then mailbox order (RFC 5256 §3: ties keep the order of the mailbox). */
  int compareByDate(ThreadMessage other) {
    int byDate = date.compareTo(other.date);
    return byDate != 0 ? byDate : Long.compare(uid, other.uid);
  }
}
