package dev.mailvault.store.content;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decoded message content of every open vault, least recently used first out, under one byte budget
 * for the whole process (ADR 0187). A FETCH reads a message once per section and a SEARCH reads
 * every message of a folder; each read decompressed the stored bytes again, which was the largest
 * single cost of a read-only IMAP session. Only bytes a vault's reader has already decrypted land
 * here, and a vault's entries go when the vault closes, so nothing stays in memory longer than the
 * vault's own key does.
 */
public final class DecodedContentCache {

  /** Larger pieces are not kept: one would push out hundreds of letters. */
  static final int MAX_ENTRY = 256 * 1024;

  private final long budget;
  private final LinkedHashMap<Key, byte[]> entries = new LinkedHashMap<>(256, 0.75f, true);
  private long bytes;

  /** A cache of at most {@code budgetBytes} of decoded content; 0 keeps nothing. */
  public DecodedContentCache(long budgetBytes) {
    if (budgetBytes < 0) {
      throw new IllegalArgumentException("budgetBytes must not be negative");
    }
    this.budget = budgetBytes;
  }

  /** One vault's share of this cache; {@link ContentCache#clear} drops what it holds. */
  public ContentCache forVault() {
    return new ContentCache(this);
  }

  synchronized byte[] get(ContentCache owner, long contentId, long offset) {
    return entries.get(new Key(owner, contentId, offset));
  }

  synchronized void put(ContentCache owner, long contentId, long offset, byte[] decoded) {
    if (decoded.length > MAX_ENTRY || decoded.length > budget) {
      return;
    }
    byte[] old = entries.put(new Key(owner, contentId, offset), decoded);
    bytes += decoded.length - (old == null ? 0 : old.length);
    Iterator<byte[]> eldest = entries.values().iterator();
    while (bytes > budget && eldest.hasNext()) {
      bytes -= eldest.next().length;
      eldest.remove();
    }
  }

  synchronized void removeAll(ContentCache owner) {
    Iterator<Map.Entry<Key, byte[]>> it = entries.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Key, byte[]> e = it.next();
      if (e.getKey().owner() == owner) {
        bytes -= e.getValue().length;
        it.remove();
      }
    }
  }

  /** Bytes held now, for tests and metrics. */
  public synchronized long bytes() {
    return bytes;
  }

  private record Key(ContentCache owner, long contentId, long offset) {}
}
