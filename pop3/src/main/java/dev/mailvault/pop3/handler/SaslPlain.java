package dev.mailvault.pop3.handler;

import dev.mailvault.pop3.codec.Pop3Command;
import dev.mailvault.pop3.codec.Responses;
import dev.mailvault.pop3.session.Pop3Failure;
import dev.mailvault.pop3.session.Pop3Session;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;

/**
 * AUTH PLAIN (RFC 5034, RFC 4616): with the initial response on the command line, or after the
 * server's empty {@code +} challenge; {@code *} cancels (RFC 5034 §4).
 */
final class SaslPlain {

  private SaslPlain() {}

  static void auth(Pop3Command.Auth command, Pop3Session session) throws Pop3Failure {
    if (!command.mechanism().toUpperCase(Locale.ROOT).equals("PLAIN")) {
      throw Pop3Failure.of("Unsupported authentication mechanism");
    }
    Login.requirePrivacy(session);
    if (command.initialResponse() != null) {
      plain(command.initialResponse().getBytes(StandardCharsets.US_ASCII), session);
      return;
    }
    // Before the "+ " leaves, so the reader gives the answer the longer bound.
    session.awaitSaslResponse(
        line -> session.dispatcher().attempt("AUTH", () -> plain(line, session)));
    session.transport().write(Responses.challenge(""));
  }

  private static void plain(byte[] response, Pop3Session session) throws Pop3Failure {
    if (response.length == 1 && response[0] == '*') {
      throw Pop3Failure.of("Authentication cancelled");
    }
    byte[] decoded;
    try {
      decoded =
          response.length == 1 && response[0] == '='
              ? new byte[0]
              : Base64.getDecoder().decode(response);
    } catch (IllegalArgumentException e) {
      throw Pop3Failure.of("Invalid base64");
    }
    try {
      int first = indexOfNul(decoded, 0);
      int second = first < 0 ? -1 : indexOfNul(decoded, first + 1);
      if (second < 0) {
        throw Pop3Failure.of("Invalid PLAIN response");
      }
      String authzid = new String(decoded, 0, first, StandardCharsets.UTF_8);
      String authcid = new String(decoded, first + 1, second - first - 1, StandardCharsets.UTF_8);
      CharBuffer chars =
          StandardCharsets.UTF_8.decode(
              ByteBuffer.wrap(decoded, second + 1, decoded.length - second - 1));
      char[] password = new char[chars.remaining()];
      chars.get(password);
      Arrays.fill(chars.array(), '\0');
      try {
        if (!authzid.isEmpty() && !authzid.equalsIgnoreCase(authcid)) {
          // Nobody may act as another alias; answered like any other failure.
          Login.fail(authcid, session, "authzid-mismatch");
          return;
        }
        Login.authenticate(authcid, password, session);
      } finally {
        Arrays.fill(password, '\0');
      }
    } finally {
      Arrays.fill(decoded, (byte) 0);
    }
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
