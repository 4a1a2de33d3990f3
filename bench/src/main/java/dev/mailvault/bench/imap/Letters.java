package dev.mailvault.bench.imap;

import dev.mailvault.bench.SyntheticMail;
import java.util.function.Supplier;

/**
 * ~10 KB plain-text letters for APPEND, each with its own Message-ID and Date around one of a few
 * bodies written in advance (as {@code TextMailSource} does for the store benchmarks). One per
 * client thread.
 */
final class Letters implements Supplier<byte[]> {

  static final int SIZE = 10 * 1024;
  private static final int BODIES = 16;

  private final SyntheticMail mail;
  private final String[] bodies = new String[BODIES];
  private long sequence;

  Letters(long seed) {
    mail = new SyntheticMail(seed);
    int headerBytes = mail.textMessage(0, "").length;
    for (int i = 0; i < BODIES; i++) {
      bodies[i] = mail.body(SIZE - headerBytes);
    }
    // dates stay within a few years of SyntheticMail's epoch
    sequence = (seed & 0xFF) * 10_000L;
  }

  @Override
  public byte[] get() {
    long n = sequence++;
    return mail.textMessage(n, bodies[(int) (n % BODIES)]);
  }
}
