package dev.mailvault.imap.codec;

/**
 * The limits the {@link CommandFramer} enforces before it buffers a byte.
 *
 * @param maxLineLength the longest command text, literals excluded, summed over every line of one
 *     command (so a command made of many tiny literals is bounded too)
 * @param maxLiteralSize the largest single literal: APPENDLIMIT (RFC 7889)
 * @param maxCommandSize the most literal bytes one command may carry in total (MULTIAPPEND)
 */
public record FramerLimits(int maxLineLength, long maxLiteralSize, long maxCommandSize) {

  /** 64 KiB lines, 50 MiB literals, 100 MiB per command. */
  public static final FramerLimits DEFAULTS =
      new FramerLimits(64 * 1024, 50L * 1024 * 1024, 100L * 1024 * 1024);

  /** The largest literal a client may send before it has logged in (ADR 0167). */
  public static final long LITERAL_BEFORE_LOGIN = 8 * 1024;

  /** The most literal bytes one command may carry before login (ADR 0167). */
  public static final long COMMAND_BEFORE_LOGIN = 16 * 1024;

  public FramerLimits {
    if (maxLineLength < 16 || maxLiteralSize < 0 || maxCommandSize < maxLiteralSize) {
      throw new IllegalArgumentException("inconsistent framer limits");
    }
    if (maxCommandSize > Integer.MAX_VALUE - 8L - maxLineLength) {
      throw new IllegalArgumentException("a command must fit one Java array");
    }
  }

  /**
   * These limits as they apply before login: a LOGIN or AUTHENTICATE needs a few KiB at most, and
   * APPENDLIMIT (RFC 7889) is a promise to users, not to strangers (ADR 0167).
   */
  public FramerLimits beforeLogin() {
    return new FramerLimits(
        maxLineLength,
        Math.min(maxLiteralSize, LITERAL_BEFORE_LOGIN),
        Math.min(maxCommandSize, COMMAND_BEFORE_LOGIN));
  }
}
