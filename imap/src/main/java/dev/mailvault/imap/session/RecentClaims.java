package dev.mailvault.imap.session;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which messages some session has already been first to see, per mailbox and folder: the rest are
 * {@code \Recent} (RFC 3501 §2.3.2). A message is recent in exactly one session, the first that
 * selects its folder read-write after it arrived, or that has it selected when it arrives. UIDs
 * only grow within one UIDVALIDITY, so one number per folder says it: the highest UID claimed.
 *
 * <p>Kept in memory, shared by the sessions of one server: after a restart every message is recent
 * once more to the first session that selects its folder (docs/adr/0161-recent-in-memory.md).
 */
public final class RecentClaims {

  private record Key(String mailbox, String folder, long uidValidity) {}

  private final ConcurrentHashMap<Key, AtomicLong> claimed = new ConcurrentHashMap<>();

  /**
   * Claims every UID up to {@code lastUid} for the calling session.
   *
   * @param mailbox the mailbox's {@link dev.mailvault.core.access.MailboxAccess#id()}
   * @return the highest UID claimed before: the caller's recent messages are those above it
   */
  public long claim(String mailbox, String folder, long uidValidity, long lastUid) {
    return claimed
        .computeIfAbsent(new Key(mailbox, folder, uidValidity), key -> new AtomicLong())
        .getAndAccumulate(lastUid, Math::max);
  }

  /** The highest UID claimed so far, without claiming (EXAMINE, STATUS). */
  public long claimedThrough(String mailbox, String folder, long uidValidity) {
    AtomicLong counter = claimed.get(new Key(mailbox, folder, uidValidity));
    return counter == null ? 0 : counter.get();
  }
}
