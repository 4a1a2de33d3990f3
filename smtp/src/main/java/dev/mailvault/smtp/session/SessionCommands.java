package dev.mailvault.smtp.session;

import dev.mailvault.smtp.codec.SmtpCommand;
import dev.mailvault.smtp.codec.SmtpReply;

/** RSET, NOOP, VRFY and QUIT: allowed at any time (RFC 5321 §4.1.4). */
final class SessionCommands {

  private static final SmtpReply OK = SmtpReply.of(250, "2.0.0", "OK");

  private SessionCommands() {}

  /** RFC 5321 §4.1.1.5. */
  static void rset(SmtpSession session, SmtpCommand.Rset rset) {
    session.conversation().endTransaction();
    session.transport().reply(OK);
  }

  /** RFC 5321 §4.1.1.9. */
  static void noop(SmtpSession session, SmtpCommand.Noop noop) {
    session.transport().reply(OK);
  }

  /** RFC 5321 §3.5.3: 252 when the server will not verify but will try to deliver. */
  static void vrfy(SmtpSession session, SmtpCommand.Vrfy vrfy) {
    session
        .transport()
        .reply(
            SmtpReply.of(
                252, "2.5.0", "Cannot VRFY user, but will accept message and attempt delivery"));
  }

  /** RFC 5321 §4.1.1.10. */
  static void quit(SmtpSession session, SmtpCommand.Quit quit) {
    session.closeWith(
        SmtpReply.of(221, "2.0.0", session.services().hostname() + " closing connection"));
  }
}
