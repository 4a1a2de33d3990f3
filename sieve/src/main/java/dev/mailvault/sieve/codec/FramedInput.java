package dev.mailvault.sieve.codec;

/** What {@link RequestFramer} makes of the octets it is fed. */
public sealed interface FramedInput {

  /**
   * One request without its final CRLF, literals inline with their {@code {n+}} prefixes, for
   * {@link CommandParser}; the caller zeroes it once read (it may hold a password).
   */
  record Request(byte[] bytes) implements FramedInput {}

  /** A request whose line part was over its bound: read to its end and dropped. */
  record LineTooLong() implements FramedInput {}

  /** A request with a literal over its bound: the literal was read, not kept, and dropped. */
  record LiteralTooLarge() implements FramedInput {}
}
