package dev.mailvault.core.crypto;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Seals data at rest under a long-lived symmetric key with ChaCha20-Poly1305 (RFC 8439), as the
 * outbound queue does (ADR 0201). Format, version 1: {@code 0x01 | nonce (12, random) | ciphertext
 * | tag (16)}. The associated data is the version byte followed by the caller's binding (what the
 * sealed bytes are and their id), so a file renamed over another, or moved to another purpose,
 * fails to open instead of opening as the wrong thing.
 */
public final class SealedData {

  static final byte VERSION = 1;
  private static final int HEADER = 1 + ChaCha20Poly1305.NONCE_LENGTH;

  /** What sealing adds to the plaintext's length. */
  public static final int OVERHEAD = HEADER + ChaCha20Poly1305.TAG_LENGTH;

  private SealedData() {}

  /** Seals {@code plaintext} under {@code key} (32 bytes); a fresh random nonce each call. */
  public static byte[] seal(SecretBytes key, byte[] plaintext, byte[] binding) {
    byte[] nonce = Csprng.bytes(ChaCha20Poly1305.NONCE_LENGTH);
    byte[] sealed = key.apply(k -> ChaCha20Poly1305.seal(k, nonce, plaintext, aad(binding)));
    return ByteBuffer.allocate(HEADER + sealed.length).put(VERSION).put(nonce).put(sealed).array();
  }

  /**
   * Opens what {@link #seal} produced with the same key and binding.
   *
   * @throws UnwrapException for a wrong key, another binding, or altered or truncated bytes
   */
  public static byte[] open(SecretBytes key, byte[] sealed, byte[] binding) throws UnwrapException {
    if (sealed.length < OVERHEAD) {
      throw new UnwrapException("sealed data is truncated");
    }
    if (sealed[0] != VERSION) {
      throw new UnwrapException("unknown sealed data format " + sealed[0]);
    }
    byte[] nonce = Arrays.copyOfRange(sealed, 1, HEADER);
    byte[] body = Arrays.copyOfRange(sealed, HEADER, sealed.length);
    return key.apply(k -> ChaCha20Poly1305.open(k, nonce, body, aad(binding)));
  }

  private static byte[] aad(byte[] binding) {
    byte[] aad = new byte[1 + binding.length];
    aad[0] = VERSION;
    System.arraycopy(binding, 0, aad, 1, binding.length);
    return aad;
  }
}
