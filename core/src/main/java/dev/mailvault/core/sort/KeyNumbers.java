package dev.mailvault.core.sort;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Numbers distinct byte strings (msg-ids, base subjects) from 1 in the order first given; the empty
 * string is 0. THREAD=REFERENCES then links and gathers by comparing ints (RFC 5256 §3 steps 1 and
 * 5 compare msg-ids and subjects for equality only), and the keys read from the vault need not
 * become Strings: the bytes are kept once each in one pool
 * (docs/adr/0233-thread-keys-as-numbers.md). Not thread-safe.
 */
public final class KeyNumbers {

  private byte[] pool = new byte[1 << 16];
  private int poolSize;
  private int[] starts = new int[1024];
  private int[] lengths = new int[1024];
  private int[] hashes = new int[1024];
  private int count; // numbers given; the next is count + 1

  /** Open addressing: a number, or 0 for a free slot; the length is a power of two. */
  private int[] table = new int[2048];

  /** The number of {@code bytes[offset, offset + length)}, given now if it had none. */
  public int number(byte[] bytes, int offset, int length) {
    if (length == 0) {
      return 0;
    }
    int hash = hash(bytes, offset, length);
    int mask = table.length - 1;
    for (int i = hash & mask; ; i = (i + 1) & mask) {
      int n = table[i];
      if (n == 0) {
        return add(bytes, offset, length, hash, i);
      }
      if (hashes[n] == hash
          && lengths[n] == length
          && Arrays.equals(pool, starts[n], starts[n] + length, bytes, offset, offset + length)) {
        return n;
      }
    }
  }

  /** The number of {@code text} (as UTF-8). */
  public int number(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return number(bytes, 0, bytes.length);
  }

  /** How many numbers were given: every number is at most this. */
  public int size() {
    return count;
  }

  private int add(byte[] bytes, int offset, int length, int hash, int slot) {
    count++;
    if (count == starts.length) {
      starts = Arrays.copyOf(starts, count * 2);
      lengths = Arrays.copyOf(lengths, count * 2);
      hashes = Arrays.copyOf(hashes, count * 2);
    }
    if (poolSize + length > pool.length) {
      pool = Arrays.copyOf(pool, Math.max(pool.length * 2, poolSize + length));
    }
    System.arraycopy(bytes, offset, pool, poolSize, length);
    starts[count] = poolSize;
    lengths[count] = length;
    hashes[count] = hash;
    poolSize += length;
    table[slot] = count;
    if (count * 2 > table.length) {
      rehash();
    }
    return count;
  }

  private void rehash() {
    table = new int[table.length * 2];
    int mask = table.length - 1;
    for (int n = 1; n <= count; n++) {
      int i = hashes[n] & mask;
      while (table[i] != 0) {
        i = (i + 1) & mask;
      }
      table[i] = n;
    }
  }

  private static int hash(byte[] bytes, int offset, int length) {
    int h = 1;
    for (int i = offset; i < offset + length; i++) {
      h = 31 * h + bytes[i];
    }
    h *= 0x9E3779B9; // spread similar IDs (same length, same domain) over the table
    return h ^ (h >>> 15);
  }
}
