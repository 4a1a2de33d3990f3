package dev.mailvault.core.crypto;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;

/**
 * Derives a 256-bit key-encryption key from a password. An interface so callers that must prove how
 * often they derive (the directory's unknown-alias path) can wrap the real one.
 */
public interface PasswordKdf {

  /** Output length of every derivation, in bytes. */
  int KEY_LENGTH = 32;

  /** Salt length used for new aliases, in bytes (RFC 9106 §3.1 recommends 16). */
  int SALT_LENGTH = 16;

  /** Argon2id (RFC 9106) through Bouncy Castle. */
  static PasswordKdf argon2id() {
    return Argon2idKdf.INSTANCE;
  }

  /** Derives a key from the UTF-8 bytes of a password. */
  SecretBytes derive(byte[] password, byte[] salt, Argon2Params params);

  /**
   * Derives a key from a password typed as characters: encoded as UTF-8 after NFC normalization
   * (RFC 8265 §4.2, OpaqueString), so a password typed on two keyboards derives the same key. The
   * temporary byte array is zeroed.
   */
  default SecretBytes derive(char[] password, byte[] salt, Argon2Params params) {
    byte[] utf8 = utf8(password);
    try {
      return derive(utf8, salt, params);
    } finally {
      Arrays.fill(utf8, (byte) 0);
    }
  }

  /** UTF-8 of the NFC form; ASCII passwords never pass through an immutable String. */
  private static byte[] utf8(char[] password) {
    CharBuffer chars = CharBuffer.wrap(password);
    boolean ascii = true;
    for (char c : password) {
      ascii &= c < 0x80;
    }
    if (!ascii) {
      chars = CharBuffer.wrap(Normalizer.normalize(chars, Normalizer.Form.NFC));
    }
    ByteBuffer encoded = StandardCharsets.UTF_8.encode(chars);
    byte[] out = new byte[encoded.remaining()];
    encoded.get(out);
    Arrays.fill(encoded.array(), (byte) 0);
    return out;
  }
}
