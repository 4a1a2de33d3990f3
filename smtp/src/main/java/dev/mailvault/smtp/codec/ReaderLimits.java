package dev.mailvault.smtp.codec;

/**
 * The limits the {@link SmtpReader} enforces before it buffers a byte.
 *
 * @param maxCommandLine the longest command line including its CRLF (RFC 5321 §4.5.3.1.4: 512)
 * @param maxTextLine the longest line of DATA including its CRLF (RFC 5321 §4.5.3.1.6: 1000; may be
 *     set larger, since real mail sometimes breaks it)
 * @param maxMessageSize the largest message, DATA after dot-unstuffing or the sum of BDAT chunks
 *     (RFC 1870 SIZE)
 * @param lineEnds what a bare CR or LF in DATA does
 */
public record ReaderLimits(
    int maxCommandLine, int maxTextLine, long maxMessageSize, LineEndPolicy lineEnds) {

  /** What to do with a CR or LF in DATA that is not part of a CRLF pair. */
  public enum LineEndPolicy {
    /** Read on to the real end of data, then refuse the message (the default: no smuggling). */
    REJECT,
    /** Turn each bare CR or LF into CRLF; it never ends the data either way. */
    NORMALISE
  }

  /** 512-octet commands, 1000-octet text lines, 50 MiB messages, bare line ends refused. */
  public static final ReaderLimits DEFAULTS =
      new ReaderLimits(512, 1000, 50L * 1024 * 1024, LineEndPolicy.REJECT);

  public ReaderLimits withLineEnds(LineEndPolicy policy) {
    return new ReaderLimits(maxCommandLine, maxTextLine, maxMessageSize, policy);
  }

  public ReaderLimits withMaxMessageSize(long size) {
    return new ReaderLimits(maxCommandLine, maxTextLine, size, lineEnds);
  }

  public ReaderLimits {
    if (maxCommandLine < 512 || maxTextLine < 1000) {
      throw new IllegalArgumentException("RFC 5321 §4.5.3.1 minimums are 512 and 1000 octets");
    }
    if (maxMessageSize < 1 || maxMessageSize > Integer.MAX_VALUE - 64L * 1024) {
      throw new IllegalArgumentException("a message must fit one Java array");
    }
  }
}
