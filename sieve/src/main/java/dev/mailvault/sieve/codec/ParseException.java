package dev.mailvault.sieve.codec;

/** A request that is no command, or a command with bad arguments: answered {@code NO}. */
public final class ParseException extends Exception {

  private static final long serialVersionUID = 1L;

  ParseException(String message) {
    super(message, null, false, false);
  }
}
