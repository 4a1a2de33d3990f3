package dev.mailvault.core.crypto;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Seals numbered chunks with ChaCha20-Poly1305 under a random key that exists only in this object's
 * memory: what it seals can be read back by this object alone, and by nobody once it is {@link
 * #destroy() destroyed} or the process ends. Each chunk's number is its nonce, so the key never
 * meets the same nonce twice, and a chunk moved to another place fails to open.
 */
public final class EphemeralChunkCipher {

  /** What sealing adds to each chunk. */
  public static final int OVERHEAD = ChaCha20Poly1305.TAG_LENGTH;

  private static final byte[] NO_AAD = new byte[0];

  private final byte[] key = Csprng.bytes(ChaCha20Poly1305.KEY_LENGTH);

  public byte[] seal(long chunk, byte[] plaintext, int length) {
    return ChaCha20Poly1305.seal(key, nonce(chunk), Arrays.copyOf(plaintext, length), NO_AAD);
  }

  /**
   * @throws IllegalStateException when the chunk was altered: only this process wrote it, so the
   *     file was tampered with or the disk is failing
   */
  public byte[] open(long chunk, byte[] sealed) {
    try {
      return ChaCha20Poly1305.open(key, nonce(chunk), sealed, NO_AAD);
    } catch (UnwrapException e) {
      throw new IllegalStateException("a spilled chunk does not open: " + e.getMessage());
    }
  }

  /** Zeroes the key; nothing sealed with it can be opened afterwards. */
  public void destroy() {
    Arrays.fill(key, (byte) 0);
  }

  private static byte[] nonce(long chunk) {
    return ByteBuffer.allocate(ChaCha20Poly1305.NONCE_LENGTH).putLong(4, chunk).array();
  }
}
