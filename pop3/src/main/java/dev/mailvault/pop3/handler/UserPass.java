package dev.mailvault.pop3.handler;

import dev.mailvault.pop3.codec.Pop3Command;
import dev.mailvault.pop3.session.Pop3Failure;
import dev.mailvault.pop3.session.Pop3Session;
import java.util.Arrays;

/** USER and PASS (RFC 1939 §7), and APOP refused. */
final class UserPass {

  private UserPass() {}

  static void user(Pop3Command.User command, Pop3Session session) throws Pop3Failure {
    Login.requirePrivacy(session);
    session.user(command.name());
    session.ok("Send your password");
  }

  static void pass(Pop3Command.Pass command, Pop3Session session) throws Pop3Failure {
    char[] password = command.password();
    try {
      Login.requirePrivacy(session);
      String user = session.user();
      if (user == null) {
        throw Pop3Failure.of("USER first");
      }
      // RFC 1939 §7: after a failed PASS the client starts again with USER.
      session.user(null);
      Login.authenticate(user, password, session);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /**
   * APOP's digest can only be checked with the password in the clear on the server, and a vault's
   * keys come from the password itself; so it is not offered (no timestamp in the greeting).
   */
  static void apop(Pop3Command.Apop command, Pop3Session session) throws Pop3Failure {
    throw Pop3Failure.withCode(Pop3Failure.AUTH, "APOP is not supported; use USER/PASS or AUTH");
  }
}
