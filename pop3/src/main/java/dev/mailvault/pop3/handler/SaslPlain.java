package dev.mailvault.pop3.handler;

import dev.mailvault.pop3.codec.Pop3Command;
import dev.mailvault.pop3.codec.Responses;
import dev.mailvault.pop3.session.Pop3Failure;
import dev.mailvault.pop3.session.Pop3Session;
import java.nio.charset.StandardCharsets;
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
    try (dev.mailvault.protocol.auth.SaslPlain plain =
        dev.mailvault.protocol.auth.SaslPlain.decode(response)) {
      if (plain.actsAsAnother()) {
        Login.fail(plain.authcid(), session, "authzid-mismatch");
        return;
      }
      Login.authenticate(plain.authcid(), plain.password(), session);
    } catch (dev.mailvault.protocol.auth.SaslPlain.InvalidResponse e) {
      throw Pop3Failure.of(e.getMessage());
    }
  }
}
