package dev.mailvault.core.sieve;

/**
 * A script that cannot be compiled: a lexical or grammar error (RFC 5228 §8), an unknown command or
 * test, an extension used without {@code require} (§3.2), wrong arguments, or a limit passed. The
 * message is {@code line N: reason} and carries no text of the script beyond names of commands,
 * tags and extensions, so it can be shown to the user and logged.
 */
public final class SieveSyntaxException extends Exception {

  private static final long serialVersionUID = 1L;

  private final int line;
  private final String reason;

  public SieveSyntaxException(int line, String reason) {
    super("line " + line + ": " + reason);
    this.line = line;
    this.reason = reason;
  }

  /** The 1-based line where the error was found. */
  public int line() {
    return line;
  }

  /** What is wrong, without the line number. */
  public String reason() {
    return reason;
  }
}
