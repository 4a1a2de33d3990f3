package dev.mailvault.smtp.session;

import dev.mailvault.smtp.codec.ReaderLimits.LineEndPolicy;
import dev.mailvault.smtp.codec.SmtpReply;
import java.io.ByteArrayOutputStream;

/**
 * The bare CR and LF rule of DATA applied to a message sent in BDAT chunks (ADR 0177): a CR or LF
 * not part of a CRLF pair is refused, or written as CRLF, as {@code smtp.bare-line-ends} says. A
 * CRLF may be split between two chunks, so a CR that ends a chunk waits for the next one.
 */
final class ChunkLineEnds {

  /** The same answer DATA gets (RFC 5321 §2.3.8: lines end with CRLF; RFC 3463 X.6.11). */
  static final SmtpReply REFUSAL =
      SmtpReply.of(550, "5.6.11", "Bare CR or LF in message; lines must end with CRLF");

  private static final byte CR = '\r';
  private static final byte LF = '\n';

  private final LineEndPolicy policy;
  private boolean pendingCr;
  private boolean bare;

  ChunkLineEnds(LineEndPolicy policy) {
    this.policy = policy;
  }

  /** The chunk as it joins the message; {@link #bare()} tells whether it broke the rule. */
  byte[] apply(byte[] chunk, boolean last) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(chunk.length + 2);
    for (byte b : chunk) {
      if (pendingCr) {
        pendingCr = false;
        if (b == LF) {
          out.write(CR);
          out.write(LF);
          continue;
        }
        bareLineEnd(out);
      }
      if (b == CR) {
        pendingCr = true;
      } else if (b == LF) {
        bareLineEnd(out);
      } else {
        out.write(b);
      }
    }
    if (last && pendingCr) {
      pendingCr = false;
      bareLineEnd(out);
    }
    return out.toByteArray();
  }

  /** Whether a bare line end was seen under the REJECT policy. */
  boolean bare() {
    return bare;
  }

  private void bareLineEnd(ByteArrayOutputStream out) {
    if (policy == LineEndPolicy.REJECT) {
      bare = true;
    }
    out.write(CR);
    out.write(LF);
  }
}
