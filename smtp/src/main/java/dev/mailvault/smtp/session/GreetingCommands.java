package dev.mailvault.smtp.session;

import dev.mailvault.smtp.codec.SmtpCommand;
import dev.mailvault.smtp.codec.SmtpReply;
import java.util.ArrayList;
import java.util.List;

/** EHLO, HELO and STARTTLS: what the session knows of its client, and how it is protected. */
final class GreetingCommands {

  private GreetingCommands() {}

  /** RFC 5321 §4.1.1.1: the keywords come from the command table (ADR 0192). */
  static void ehlo(SmtpSession session, SmtpCommand.Ehlo ehlo) {
    session.conversation().greeted(ehlo.domain(), true);
    List<String> lines = new ArrayList<>();
    lines.add(session.services().hostname() + " Hello " + TraceHeaders.safeDomain(ehlo.domain()));
    lines.addAll(session.services().commands().keywords(session));
    // RFC 2034 §3: no enhanced code on the EHLO answer.
    session.transport().reply(new SmtpReply(250, null, lines));
  }

  static void helo(SmtpSession session, SmtpCommand.Helo helo) {
    session.conversation().greeted(helo.domain(), false);
    session.transport().reply(SmtpReply.of(250, null, session.services().hostname() + " Hello"));
  }

  /** RFC 3207 §4. */
  static void startTls(SmtpSession session, SmtpCommand.StartTls startTls) throws SmtpRefusal {
    Transport transport = session.transport();
    if (transport.isSecure()) {
      throw new SmtpRefusal(503, "5.5.1", "TLS is already active");
    }
    if (!transport.canStartTls()) {
      throw new SmtpRefusal(502, "5.5.1", "STARTTLS not available");
    }
    // RFC 3207 §4.2: forget everything learnt from the client before TLS.
    session.conversation().forget();
    transport.startTls(SmtpReply.of(220, "2.0.0", "Ready to start TLS"));
  }
}
