package dev.mailvault.store.content;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One open vault's share of the {@link DecodedContentCache}: decoded inline contents and segments,
 * keyed by content id and segment offset.
 *
 * <p>A stored content never changes, but SQLite hands a deleted row's id out again once it was the
 * largest. So that a key always means the same bytes, a content id deleted while this cache lives
 * is never given to new content: {@link ContentStore#insert} starts above {@link #idFloor}. A
 * reader whose snapshot predates a deletion may still put the deleted content's bytes; they are the
 * right bytes for an id that will not come back, and age out.
 */
public final class ContentCache {

  private final DecodedContentCache shared;
  private final AtomicLong largestRetired = new AtomicLong();

  ContentCache(DecodedContentCache shared) {
    this.shared = shared;
  }

  byte[] get(long contentId, long offset) {
    return shared.get(this, contentId, offset);
  }

  void put(long contentId, long offset, byte[] decoded) {
    shared.put(this, contentId, offset, decoded);
  }

  /** {@code contentId} is being deleted: it is never handed out again while this cache lives. */
  void retire(long contentId) {
    largestRetired.accumulateAndGet(contentId, Math::max);
  }

  /** The smallest id new content may take. */
  long idFloor() {
    return largestRetired.get() + 1;
  }

  /** The vault closes: its decoded content leaves memory with its key. */
  public void clear() {
    shared.removeAll(this);
  }
}
