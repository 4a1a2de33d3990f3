package dev.mailvault.bench;

import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.mail.Flags;
import java.time.Instant;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * About 10 KB plain-text letters, one per call, each with its own headers (Message-ID, Date,
 * sender, subject) around one of 64 bodies written in advance: writing prose costs about as much as
 * a tenth of an append, and the store neither de-duplicates nor shares compression across messages
 * below 64 KB, so reusing bodies does not flatter it. One per benchmark thread.
 */
@State(Scope.Thread)
public class TextMailSource {

  /** The target size of a whole message, headers included. */
  public static final int SIZE = 10 * 1024;

  private static final int BODIES = 64;

  private SyntheticMail mail;
  private String[] bodies;
  private long sequence;

  @Setup(Level.Trial)
  public void prepare(ThreadParams thread) {
    mail = new SyntheticMail(0x5EED_0000L + thread.getThreadIndex());
    int headerBytes = mail.textMessage(0, "").length;
    bodies = new String[BODIES];
    for (int i = 0; i < BODIES; i++) {
      bodies[i] = mail.body(SIZE - headerBytes);
    }
    sequence = (long) thread.getThreadIndex() << 40;
  }

  public NewMessage next() {
    long n = sequence++;
    byte[] raw = mail.textMessage(n, bodies[(int) (n % BODIES)]);
    return new NewMessage(raw, Flags.NONE, Instant.now());
  }
}
