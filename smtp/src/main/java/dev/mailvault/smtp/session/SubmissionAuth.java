package dev.mailvault.smtp.session;

import dev.mailvault.protocol.auth.PlaintextLogin;
import dev.mailvault.protocol.auth.SaslPlain;
import dev.mailvault.smtp.codec.SmtpCommand;
import dev.mailvault.smtp.codec.SmtpReply;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * AUTH (RFC 4954) with PLAIN (RFC 4616), with an initial response or after an empty 334, and LOGIN
 * (draft-murchison-sasl-login: 334 "Username:", 334 "Password:", each base64). Offered, and taken,
 * only where a password may travel: over TLS or from loopback, as IMAP and POP3 ({@link
 * PlaintextLogin}). The login itself is {@link SubmissionLogin}'s.
 */
final class SubmissionAuth {

  /** draft-murchison-sasl-login §2: the challenges, base64 of "Username:" and "Password:". */
  private static final String USERNAME = "VXNlcm5hbWU6";

  private static final String PASSWORD = "UGFzc3dvcmQ6";

  private SubmissionAuth() {}

  /** Whether EHLO lists AUTH: where a password may be sent, and before a login. */
  static boolean offered(SmtpSession session) {
    return mayLogIn(session) && session.conversation().authenticated().isEmpty();
  }

  private static boolean mayLogIn(SmtpSession session) {
    Transport transport = session.transport();
    return PlaintextLogin.allowed(transport.isSecure(), transport.remoteAddress(), false);
  }

  static void auth(SmtpSession session, SmtpCommand.Auth auth) throws SmtpRefusal {
    if (session.conversation().authenticated().isPresent()) {
      // RFC 4954 §4: "After a successful AUTH command completes, a server MUST reject any
      // further AUTH commands with a 503 reply."
      throw new SmtpRefusal(503, "5.5.1", "Already authenticated");
    }
    if (!mayLogIn(session)) {
      // RFC 4954 §6: 538 5.7.11, encryption required for the requested mechanism.
      throw new SmtpRefusal(
          538, "5.7.11", "Encryption required for requested authentication mechanism");
    }
    switch (auth.mechanism()) {
      case "PLAIN" -> {
        if (auth.initialResponse().isPresent()) {
          plain(session, ascii(auth.initialResponse().get()));
        } else {
          challenge(session, "", line -> plain(session, line));
        }
      }
      case "LOGIN" -> {
        if (auth.initialResponse().isPresent()) {
          username(session, ascii(auth.initialResponse().get()));
        } else {
          challenge(session, USERNAME, line -> username(session, line));
        }
      }
      // RFC 4954 §6: 504 5.5.4, unrecognized authentication type.
      default -> throw new SmtpRefusal(504, "5.5.4", "Unrecognized authentication type");
    }
  }

  /** Sends a 334 and has the reader hand over the next line as the answer. */
  private static void challenge(SmtpSession session, String text, SaslStep next) {
    session.awaitSaslResponse(next);
    session.transport().reply(SmtpReply.of(334, null, text));
    session.transport().readSaslResponse();
  }

  private static void plain(SmtpSession session, byte[] response) throws SmtpRefusal {
    refuseCancel(response);
    try (SaslPlain plain = SaslPlain.decode(response)) {
      if (plain.actsAsAnother()) {
        SubmissionLogin.fail(session, plain.authcid(), "authzid-mismatch");
        return;
      }
      SubmissionLogin.start(session, plain.authcid(), plain.password());
    } catch (SaslPlain.InvalidResponse e) {
      // RFC 4954 §4: 501 when the response cannot be decoded.
      throw new SmtpRefusal(501, "5.5.2", e.getMessage());
    }
  }

  private static void username(SmtpSession session, byte[] response) throws SmtpRefusal {
    refuseCancel(response);
    byte[] decoded = base64(response);
    String login = new String(decoded, StandardCharsets.UTF_8);
    challenge(session, PASSWORD, line -> password(session, login, line));
  }

  private static void password(SmtpSession session, String login, byte[] response)
      throws SmtpRefusal {
    refuseCancel(response);
    byte[] decoded = base64(response);
    CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(decoded));
    char[] password = new char[chars.remaining()];
    chars.get(password);
    Arrays.fill(decoded, (byte) 0);
    Arrays.fill(chars.array(), '\0');
    try {
      SubmissionLogin.start(session, login, password);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /** RFC 4954 §4: "*" cancels, and the server answers 501. */
  private static void refuseCancel(byte[] response) throws SmtpRefusal {
    if (response.length == 1 && response[0] == '*') {
      throw new SmtpRefusal(501, "5.0.0", "Authentication cancelled");
    }
  }

  /** RFC 4954 §4: "=" is an empty response; anything not base64 is 501. */
  private static byte[] base64(byte[] response) throws SmtpRefusal {
    if (response.length == 1 && response[0] == '=') {
      return new byte[0];
    }
    try {
      return Base64.getDecoder().decode(response);
    } catch (IllegalArgumentException e) {
      throw new SmtpRefusal(501, "5.5.2", "Invalid base64");
    }
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
