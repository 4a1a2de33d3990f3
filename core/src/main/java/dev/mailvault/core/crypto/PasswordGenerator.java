package dev.mailvault.core.crypto;

/**
 * Generates alias passwords: 24 characters drawn uniformly from the 62 ASCII letters and digits by
 * the CSPRNG, 24 * log2(62) = 142.9 bits, above the 128 the issue asks for. Letters and digits
 * only, so the password survives copy and paste, shells and mail-client forms unchanged.
 */
public final class PasswordGenerator {

  public static final int LENGTH = 24;
  static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private PasswordGenerator() {}

  /** A new password; zero the array when it has been shown. */
  public static char[] generate() {
    char[] out = new char[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      // nextInt(bound) rejects out-of-range draws, so every character is equally likely.
      out[i] = ALPHABET.charAt(Csprng.RANDOM.nextInt(ALPHABET.length()));
    }
    return out;
  }
}
