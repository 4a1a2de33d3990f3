package dev.mailvault.pop3.handler;

import dev.mailvault.pop3.codec.Pop3Command;
import dev.mailvault.pop3.session.Maildrop;
import dev.mailvault.pop3.session.Pop3Failure;
import dev.mailvault.pop3.session.Pop3Session;

/**
 * DELE, RSET and NOOP (RFC 1939 §5): marks live in the session until QUIT; nothing is written to
 * storage before the UPDATE state.
 */
final class Marks {

  private Marks() {}

  static void dele(Pop3Command.Dele command, Pop3Session session) throws Pop3Failure {
    session.maildrop().markDeleted(command.message());
    session.ok("Message " + command.message() + " deleted");
  }

  static void rset(Pop3Command.Rset command, Pop3Session session) {
    Maildrop maildrop = session.maildrop();
    maildrop.reset();
    session.ok(maildrop.count() + " messages (" + maildrop.size() + " octets)");
  }

  static void noop(Pop3Command.Noop command, Pop3Session session) {
    session.ok("");
  }
}
