package dev.mailvault.pop3.codec;

/** What {@link LineReader} makes of the octets it is fed. */
public sealed interface LineInput {

  /** One line without its line end; the caller zeroes it once read (it may hold a password). */
  record Line(byte[] bytes) implements LineInput {}

  /** A line over its bound, read to its end and dropped (RFC 2449 §4). */
  record TooLong() implements LineInput {}
}
