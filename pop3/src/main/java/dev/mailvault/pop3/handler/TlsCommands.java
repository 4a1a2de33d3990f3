package dev.mailvault.pop3.handler;

import dev.mailvault.pop3.codec.Pop3Command;
import dev.mailvault.pop3.codec.Responses;
import dev.mailvault.pop3.session.Pop3Failure;
import dev.mailvault.pop3.session.Pop3Session;

/** STLS (RFC 2595 §4). */
final class TlsCommands {

  private TlsCommands() {}

  /**
   * {@code +OK} in the clear, then the handshake. What the client sent after STLS is dropped, and
   * what it said before is forgotten (a USER name): RFC 2595 §4 has both sides start afresh.
   */
  static void stls(Pop3Command.Stls command, Pop3Session session) throws Pop3Failure {
    if (session.transport().isSecure() || !session.transport().canStartTls()) {
      throw Pop3Failure.of("TLS is not available on this connection");
    }
    session.user(null);
    session.flush();
    session.executor().suspend();
    session.transport().startTls(Responses.ok("Begin TLS negotiation"));
  }
}
