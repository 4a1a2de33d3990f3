package dev.mailvault.pop3.codec;

import java.util.Arrays;

/**
 * A parsed POP3 command (RFC 1939 §4-7, RFC 2449, RFC 2595, RFC 5034, RFC 6856). Message numbers
 * are as the client wrote them; whether one exists is the session's question.
 */
public sealed interface Pop3Command {

  /** RFC 1939 §7. */
  record User(String name) implements Pop3Command {}

  /**
   * RFC 1939 §7: the rest of the line, spaces included. The handler zeroes it once used.
   *
   * @param password the password's characters
   */
  record Pass(char[] password) implements Pop3Command {
    @Override
    public String toString() {
      return "Pass[****]";
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Pass pass && Arrays.equals(password, pass.password);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(password);
    }
  }

  /** RFC 1939 §7: refused, since it needs the password in the clear on the server. */
  record Apop() implements Pop3Command {}

  /**
   * RFC 5034 §4.
   *
   * @param mechanism as written, e.g. {@code PLAIN}
   * @param initialResponse the base64 initial response, {@code =} for an empty one, or null
   */
  record Auth(String mechanism, String initialResponse) implements Pop3Command {
    @Override
    public String toString() {
      return "Auth[" + mechanism + (initialResponse == null ? "]" : ", ****]");
    }
  }

  /** RFC 2595 §4. */
  record Stls() implements Pop3Command {}

  /** RFC 2449 §5. */
  record Capa() implements Pop3Command {}

  /** RFC 6856 §3. */
  record Utf8() implements Pop3Command {}

  /** RFC 1939 §5. */
  record Stat() implements Pop3Command {}

  /** RFC 1939 §5; {@code message} 0 for the whole list. */
  record List(int message) implements Pop3Command {}

  /** RFC 1939 §5. */
  record Retr(int message) implements Pop3Command {}

  /** RFC 1939 §5. */
  record Dele(int message) implements Pop3Command {}

  /** RFC 1939 §5. */
  record Noop() implements Pop3Command {}

  /** RFC 1939 §5. */
  record Rset() implements Pop3Command {}

  /** RFC 1939 §6 and §7: in AUTHORIZATION it ends the session, in TRANSACTION it commits. */
  record Quit() implements Pop3Command {}

  /** RFC 1939 §7: the headers and the first {@code lines} lines of the body. */
  record Top(int message, int lines) implements Pop3Command {}

  /** RFC 1939 §7; {@code message} 0 for the whole list. */
  record Uidl(int message) implements Pop3Command {}
}
