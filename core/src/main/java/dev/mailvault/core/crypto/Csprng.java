package dev.mailvault.core.crypto;

import java.security.SecureRandom;

/** The one cryptographically strong random source of this package; SecureRandom is thread-safe. */
final class Csprng {

  static final SecureRandom RANDOM = new SecureRandom();

  private Csprng() {}

  static byte[] bytes(int length) {
    byte[] out = new byte[length];
    RANDOM.nextBytes(out);
    return out;
  }
}
