package dev.mailvault.bench;

import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.mail.Flags;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * About 1 MB multipart/mixed messages with a base64 attachment of random bytes, one per call, each
 * attachment distinct. Generating and encoding 768 KiB of random bytes per call would cost a
 * sizeable share of the append itself, so one message is built in advance and each call copies it
 * and overwrites 64 base64 characters in every 64 KiB of the attachment with fresh random ones: the
 * attachment's SHA-256 and every stored chunk differ from all earlier messages, so blob
 * de-duplication cannot match it, and the bytes stay as incompressible as before. One per benchmark
 * thread.
 */
@State(Scope.Thread)
public class AttachmentMailSource {

  private static final int LINE = 78; // 76 base64 characters + CRLF (RFC 2045 §6.8)
  private static final int STAMP_EVERY_LINES = 64 * 1024 / LINE;

  private SplittableRandom random;
  private byte[] template;
  private int attachmentStart;
  private int attachmentLines;
  private long sequence;

  @Setup(Level.Trial)
  public void prepare(ThreadParams thread) {
    SyntheticMail mail = new SyntheticMail(0xA77AC4L + thread.getThreadIndex());
    random = new SplittableRandom(0x57A4FL + thread.getThreadIndex());
    template = mail.attachmentMessage(0, mail.randomBytes(SyntheticMail.ONE_MB_ATTACHMENT));
    attachmentStart = indexOf(template, "base64\r\n\r\n") + "base64\r\n\r\n".length();
    attachmentLines = SyntheticMail.ONE_MB_ATTACHMENT / 57; // 57 binary bytes per full line
    sequence = (long) thread.getThreadIndex() << 40;
  }

  public NewMessage next() {
    sequence++;
    byte[] raw = template.clone();
    byte[] fresh = new byte[48];
    for (int line = 0; line < attachmentLines; line += STAMP_EVERY_LINES) {
      random.nextBytes(fresh);
      byte[] stamp = Base64.getEncoder().encode(fresh); // 64 characters, no padding
      System.arraycopy(stamp, 0, raw, attachmentStart + line * LINE, stamp.length);
    }
    return new NewMessage(raw, Flags.NONE, Instant.now());
  }

  private static int indexOf(byte[] haystack, String needle) {
    byte[] n = needle.getBytes(StandardCharsets.US_ASCII);
    outer:
    for (int i = 0; i + n.length <= haystack.length; i++) {
      for (int k = 0; k < n.length; k++) {
        if (haystack[i + k] != n[k]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalStateException("the template has no base64 part");
  }
}
