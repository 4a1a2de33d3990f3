package dev.mailvault.core.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** The JDK's ChaCha20-Poly1305 (RFC 8439), one fresh Cipher per call. */
final class ChaCha20Poly1305 {

  static final int KEY_LENGTH = 32;
  static final int NONCE_LENGTH = 12;
  static final int TAG_LENGTH = 16;

  private static final String TRANSFORMATION = "ChaCha20-Poly1305";

  private ChaCha20Poly1305() {}

  static byte[] seal(byte[] key, byte[] nonce, byte[] plaintext, byte[] aad) {
    try {
      Cipher cipher = init(Cipher.ENCRYPT_MODE, key, nonce, aad);
      return cipher.doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 unavailable", e);
    }
  }

  static byte[] open(byte[] key, byte[] nonce, byte[] ciphertext, byte[] aad)
      throws UnwrapException {
    if (ciphertext.length < TAG_LENGTH) {
      throw new UnwrapException("encrypted data is truncated");
    }
    try {
      Cipher cipher = init(Cipher.DECRYPT_MODE, key, nonce, aad);
      return cipher.doFinal(ciphertext);
    } catch (AEADBadTagException e) {
      throw new UnwrapException("wrong key, or the encrypted data was altered");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 unavailable", e);
    }
  }

  private static Cipher init(int mode, byte[] key, byte[] nonce, byte[] aad)
      throws GeneralSecurityException {
    if (key.length != KEY_LENGTH || nonce.length != NONCE_LENGTH) {
      throw new IllegalArgumentException("ChaCha20-Poly1305 needs a 32-byte key, 12-byte nonce");
    }
    Cipher cipher = Cipher.getInstance(TRANSFORMATION);
    // SecretKeySpec keeps its own copy of the key, which Java 17 cannot zero; it dies with the
    // Cipher at the end of this call.
    cipher.init(mode, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
    cipher.updateAAD(aad);
    return cipher;
  }
}
