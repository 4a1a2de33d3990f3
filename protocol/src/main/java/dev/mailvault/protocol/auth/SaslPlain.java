package dev.mailvault.protocol.auth;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * A decoded SASL PLAIN response (RFC 4616: {@code authzid NUL authcid NUL passwd}, base64 in IMAP
 * AUTHENTICATE, POP3 AUTH and SMTP AUTH). The password is a char array zeroed by {@link #close};
 * the decoded bytes never outlive {@link #decode}.
 */
public final class SaslPlain implements AutoCloseable {

  /** A response that is no PLAIN message; its text is the protocol's answer. */
  public static final class InvalidResponse extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidResponse(String message) {
      super(message);
    }
  }

  private final String authzid;
  private final String authcid;
  private final char[] password;

  private SaslPlain(String authzid, String authcid, char[] password) {
    this.authzid = authzid;
    this.authcid = authcid;
    this.password = password;
  }

  /**
   * Decodes one client response: {@code *} cancels (RFC 4422 §3.5), {@code =} is an empty response
   * (RFC 4959 §3, RFC 5034 §4).
   *
   * @throws InvalidResponse "Authentication cancelled", "Invalid base64" or "Invalid PLAIN
   *     response"
   */
  public static SaslPlain decode(byte[] response) throws InvalidResponse {
    if (response.length == 1 && response[0] == '*') {
      throw new InvalidResponse("Authentication cancelled");
    }
    byte[] decoded;
    try {
      decoded =
          response.length == 1 && response[0] == '='
              ? new byte[0]
              : Base64.getDecoder().decode(response);
    } catch (IllegalArgumentException e) {
      throw new InvalidResponse("Invalid base64");
    }
    try {
      int first = indexOfNul(decoded, 0);
      int second = first < 0 ? -1 : indexOfNul(decoded, first + 1);
      if (second < 0) {
        throw new InvalidResponse("Invalid PLAIN response");
      }
      String authzid = new String(decoded, 0, first, StandardCharsets.UTF_8);
      String authcid = new String(decoded, first + 1, second - first - 1, StandardCharsets.UTF_8);
      CharBuffer chars =
          StandardCharsets.UTF_8.decode(
              ByteBuffer.wrap(decoded, second + 1, decoded.length - second - 1));
      char[] password = new char[chars.remaining()];
      chars.get(password);
      Arrays.fill(chars.array(), '\0');
      return new SaslPlain(authzid, authcid, password);
    } finally {
      Arrays.fill(decoded, (byte) 0);
    }
  }

  /** Who logs in. */
  public String authcid() {
    return authcid;
  }

  /** The password; zeroed by {@link #close}. */
  public char[] password() {
    return password;
  }

  /**
   * Whether the client asks to act as someone other than who logs in: nobody may act as another
   * alias, so this is answered like any other failure.
   */
  public boolean actsAsAnother() {
    return !authzid.isEmpty() && !authzid.equalsIgnoreCase(authcid);
  }

  @Override
  public void close() {
    Arrays.fill(password, '\0');
  }

  private static int indexOfNul(byte[] bytes, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        return i;
      }
    }
    return -1;
  }
}
