package dev.mailvault.pop3.server;

import dev.mailvault.core.crypto.Argon2Params;
import dev.mailvault.core.crypto.PasswordKdf;
import dev.mailvault.core.crypto.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real Argon2id, except that a derivation of {@link #GATED} waits until the test opens the
 * gate: a login that stays on its derivation for as long as a test needs, without timing.
 */
final class GatedKdf implements PasswordKdf {

  static final String GATED = "wait at the gate please";

  private final byte[] gated = GATED.getBytes(StandardCharsets.UTF_8);
  private final CountDownLatch gate = new CountDownLatch(1);
  private final AtomicInteger waiting = new AtomicInteger();

  @Override
  public SecretBytes derive(byte[] password, byte[] salt, Argon2Params params) {
    if (Arrays.equals(password, gated)) {
      waiting.incrementAndGet();
      try {
        // Bounded only so a broken test ends; the test opens the gate long before.
        gate.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        waiting.decrementAndGet();
      }
    }
    return PasswordKdf.argon2id().derive(password, salt, params);
  }

  /** Derivations of {@link #GATED} waiting now. */
  int waiting() {
    return waiting.get();
  }

  void open() {
    gate.countDown();
  }
}
