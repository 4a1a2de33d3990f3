package dev.mailvault.pop3.codec;

/** A line that is no command, or a command with bad arguments: answered {@code -ERR}. */
public final class ParseException extends Exception {

  private final boolean unknown;

  private ParseException(String message, boolean unknown) {
    super(message, null, false, false);
    this.unknown = unknown;
  }

  static ParseException unknown() {
    return new ParseException("Unknown command", true);
  }

  static ParseException syntax(String message) {
    return new ParseException(message, false);
  }

  /** Whether the keyword itself is unknown (rather than its arguments wrong). */
  public boolean unknownCommand() {
    return unknown;
  }
}
