package dev.mailvault.core.spam;

/**
 * Where a session that holds a message's plaintext tells the spam filter what the user decided
 * (issue 16, ADR 0254): a message moved into Junk is spam, one moved out of it is ham. Best effort:
 * an implementation queues the lesson and returns at once, and drops it rather than wait or grow
 * without bound. Nothing is written to our disk.
 */
public interface SpamLearning {

  /** What the user said the message is. */
  enum Lesson {
    SPAM,
    HAM
  }

  /** Learns nothing: filtering or learning is off. */
  SpamLearning NONE = (lesson, user, message) -> false;

  /**
   * Queues {@code message} to be learned as {@code lesson} for {@code user}'s statistics.
   *
   * @param user the opaque name of the user's statistics at the filter (a vault id, never an
   *     address)
   * @param message the whole message as stored
   * @return whether it was queued; false when it was dropped (over the bound, or learning off)
   */
  boolean learn(Lesson lesson, String user, byte[] message);
}
