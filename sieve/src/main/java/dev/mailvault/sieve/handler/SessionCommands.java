package dev.mailvault.sieve.handler;

import dev.mailvault.sieve.codec.Responses;
import dev.mailvault.sieve.codec.SieveCommand;
import dev.mailvault.sieve.session.SieveFailure;
import dev.mailvault.sieve.session.SieveSession;

/** CAPABILITY, STARTTLS, NOOP, UNAUTHENTICATE and LOGOUT (RFC 5804 §2.2-2.4, §2.13, §2.14). */
final class SessionCommands {

  private SessionCommands() {}

  /** RFC 5804 §2.4. */
  static void capability(SieveCommand.Capability command, SieveSession session) {
    session.writeCapabilities("Capability completed");
  }

  /**
   * RFC 5804 §2.2: OK in the clear, then the handshake; what the client sent meanwhile is dropped.
   * Once TLS is on, the capabilities are sent again, since they may have changed (SASL PLAIN).
   */
  static void startTls(SieveCommand.StartTls command, SieveSession session) throws SieveFailure {
    if (session.transport().isSecure() || !session.transport().canStartTls()) {
      throw SieveFailure.of("TLS is not available on this connection");
    }
    session.flush();
    session.executor().suspend();
    session
        .transport()
        .startTls(
            Responses.ok(null, "Begin TLS negotiation now"),
            () -> {
              session.writeCapabilities("TLS negotiation successful");
              session.flush();
            });
  }

  /** RFC 5804 §2.13: a tag given is echoed in the TAG response code. */
  static void noop(SieveCommand.Noop command, SieveSession session) {
    if (command.tag() == null) {
      session.ok(null, "Done");
    } else {
      session.ok("TAG " + Responses.string(command.tag()), "Done");
    }
  }

  /** RFC 5804 §2.14.1: back to NON_AUTHENTICATED, as if newly connected (TLS stays on). */
  static void unauthenticate(SieveCommand.Unauthenticate command, SieveSession session) {
    session.loggedOut();
    session.ok(null, "Unauthenticate completed");
  }

  /** RFC 5804 §2.3: OK, then the server closes the connection. */
  static void logout(SieveCommand.Logout command, SieveSession session) {
    session.ok(null, "Logout completed");
    session.close();
  }
}
