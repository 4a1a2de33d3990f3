package dev.mailvault.core.crypto;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Wraps a key under a key-encryption key with ChaCha20-Poly1305 (RFC 8439). Format, version 1:
 * {@code 0x01 | nonce (12, random) | ciphertext | tag (16)}. The associated data is the version
 * byte followed by the caller's binding (see {@link WrapPurpose}); unwrapping with a wrong key,
 * another binding or altered bytes fails with {@link UnwrapException}, never with garbage.
 */
public final class KeyWrap {

  static final byte VERSION = 1;
  private static final int HEADER = 1 + ChaCha20Poly1305.NONCE_LENGTH;

  private KeyWrap() {}

  /** Wraps {@code key} under {@code kek}; a fresh random nonce each call. */
  public static byte[] wrap(SecretBytes kek, SecretBytes key, byte[] associatedData) {
    byte[] nonce = Csprng.bytes(ChaCha20Poly1305.NONCE_LENGTH);
    byte[] plain = key.bytes();
    try {
      byte[] sealed = kek.apply(k -> ChaCha20Poly1305.seal(k, nonce, plain, aad(associatedData)));
      return ByteBuffer.allocate(HEADER + sealed.length)
          .put(VERSION)
          .put(nonce)
          .put(sealed)
          .array();
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  /** Unwraps what {@link #wrap} produced with the same {@code kek} and associated data. */
  public static SecretBytes unwrap(SecretBytes kek, byte[] wrapped, byte[] associatedData)
      throws UnwrapException {
    if (wrapped.length < HEADER + ChaCha20Poly1305.TAG_LENGTH) {
      throw new UnwrapException("wrapped key is truncated");
    }
    if (wrapped[0] != VERSION) {
      throw new UnwrapException("unknown wrapped key format " + wrapped[0]);
    }
    byte[] nonce = Arrays.copyOfRange(wrapped, 1, HEADER);
    byte[] sealed = Arrays.copyOfRange(wrapped, HEADER, wrapped.length);
    byte[] plain = kek.apply(k -> ChaCha20Poly1305.open(k, nonce, sealed, aad(associatedData)));
    return SecretBytes.adopt(plain);
  }

  private static byte[] aad(byte[] associatedData) {
    byte[] aad = new byte[1 + associatedData.length];
    aad[0] = VERSION;
    System.arraycopy(associatedData, 0, aad, 1, associatedData.length);
    return aad;
  }
}
