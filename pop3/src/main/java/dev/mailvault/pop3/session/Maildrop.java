package dev.mailvault.pop3.session;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * INBOX as it stood at login (RFC 1939 §8): message numbers 1..n fixed for the session, each with
 * its UID and stored size, and the marks DELE set. Nothing here touches storage; a message that
 * IMAP removed meanwhile is found missing when it is read.
 */
public final class Maildrop {

  /**
   * One message of the maildrop.
   *
   * @param seen whether it had {@code \Seen} at login: retrieving it again changes nothing
   */
  public record Entry(long uid, long size, boolean seen) {}

  private final long uidValidity;
  private final List<Entry> entries;
  private final BitSet deleted = new BitSet();
  private final BitSet retrieved = new BitSet();

  public Maildrop(long uidValidity, List<Entry> entries) {
    this.uidValidity = uidValidity;
    this.entries = List.copyOf(entries);
  }

  /** Messages not marked deleted. */
  public int count() {
    return entries.size() - deleted.cardinality();
  }

  /** Octets of the messages not marked deleted. */
  public long size() {
    long total = 0;
    for (int i = 0; i < entries.size(); i++) {
      if (!deleted.get(i)) {
        total += entries.get(i).size();
      }
    }
    return total;
  }

  /**
   * The message numbered {@code number}.
   *
   * @throws Pop3Failure when there is none, or it is marked deleted (RFC 1939 §5)
   */
  public Entry entry(int number) throws Pop3Failure {
    if (number < 1 || number > entries.size()) {
      throw Pop3Failure.of("No such message");
    }
    if (deleted.get(number - 1)) {
      throw Pop3Failure.of("Message " + number + " already deleted");
    }
    return entries.get(number - 1);
  }

  /** Message numbers 1..n of the messages not marked deleted, ascending. */
  public List<Integer> live() {
    List<Integer> numbers = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      if (!deleted.get(i)) {
        numbers.add(i + 1);
      }
    }
    return numbers;
  }

  public void markDeleted(int number) throws Pop3Failure {
    entry(number);
    deleted.set(number - 1);
  }

  public void markRetrieved(int number) {
    retrieved.set(number - 1);
  }

  /** RFC 1939 §5 RSET: every mark is removed. */
  public void reset() {
    deleted.clear();
  }

  public List<Long> deletedUids() {
    return uids(deleted);
  }

  /**
   * Retrieved, not deleted and not seen at login: what gets {@code \Seen} at QUIT (ADR 0194). A
   * client that downloads the same messages at every poll writes nothing.
   */
  public List<Long> seenUids() {
    BitSet seen = (BitSet) retrieved.clone();
    seen.andNot(deleted);
    for (int i = seen.nextSetBit(0); i >= 0; i = seen.nextSetBit(i + 1)) {
      if (entries.get(i).seen()) {
        seen.clear(i);
      }
    }
    return uids(seen);
  }

  /**
   * RFC 1939 §7 unique-id: UIDVALIDITY and UID as 16 hex digits (Dovecot's {@code %08Xv%08Xu}
   * style, lower case). The same in every session, and unchanged by anything IMAP does short of a
   * new UIDVALIDITY, which is exactly when a client must fetch again (ADR 0193).
   */
  public String uniqueId(int number) throws Pop3Failure {
    return String.format(Locale.ROOT, "%08x%08x", uidValidity, entry(number).uid());
  }

  private List<Long> uids(BitSet marks) {
    List<Long> uids = new ArrayList<>();
    for (int i = marks.nextSetBit(0); i >= 0; i = marks.nextSetBit(i + 1)) {
      uids.add(entries.get(i).uid());
    }
    return uids;
  }
}
