package dev.mailvault.pop3.session;

/**
 * A command that is answered {@code -ERR}, with an RFC 2449 §8 / RFC 3206 response code or none.
 * Thrown by handlers and caught at one boundary, the dispatcher.
 */
public final class Pop3Failure extends Exception {

  /** RFC 3206 §4: the credentials were refused. */
  public static final String AUTH = "AUTH";

  /** RFC 3206 §4: the server's trouble; trying later may succeed. */
  public static final String SYS_TEMP = "SYS/TEMP";

  private final String code;

  private Pop3Failure(String code, String text) {
    super(text, null, false, false);
    this.code = code;
  }

  /** The user's mistake: {@code -ERR text}. */
  public static Pop3Failure of(String text) {
    return new Pop3Failure(null, text);
  }

  public static Pop3Failure withCode(String code, String text) {
    return new Pop3Failure(code, text);
  }

  /** The response code, or null. */
  public String code() {
    return code;
  }
}
