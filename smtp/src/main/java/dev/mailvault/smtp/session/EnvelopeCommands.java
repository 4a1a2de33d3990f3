package dev.mailvault.smtp.session;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.address.InvalidAddressException;
import dev.mailvault.smtp.codec.SmtpCommand;
import dev.mailvault.smtp.codec.SmtpReply;
import java.util.List;

/** MAIL and RCPT: the envelope of a mail transaction (RFC 5321 §3.3). */
final class EnvelopeCommands {

  private EnvelopeCommands() {}

  static void mail(SmtpSession session, SmtpCommand.Mail mail) throws SmtpRefusal {
    if (!mail.submissionParameters().isEmpty()) {
      // RFC 5321 §4.1.1.11: the MX offers no DSN, AUTH or REQUIRETLS.
      throw notRecognized("MAIL FROM", mail.submissionParameters());
    }
    long max = session.services().limits().reader().maxMessageSize();
    if (mail.size().isPresent() && mail.size().getAsLong() > max) {
      // RFC 1870 §6.1.
      session
          .transport()
          .reply(SmtpReply.of(552, "5.3.4", "Message size exceeds fixed maximum message size"));
      return;
    }
    String from = mail.reversePath();
    if (!from.isEmpty()) {
      if (!mail.smtpUtf8() && !RecipientResolver.isAscii(from)) {
        throw new SmtpRefusal(553, "5.6.7", "Non-ASCII address needs SMTPUTF8");
      }
      try {
        EmailAddress.parse(from);
      } catch (InvalidAddressException e) {
        throw new SmtpRefusal(501, "5.1.7", "Bad sender address syntax");
      }
    }
    session.conversation().mail(new Transaction(mail));
    session.transport().reply(SmtpReply.of(250, "2.1.0", "Sender OK"));
  }

  static void rcpt(SmtpSession session, SmtpCommand.Rcpt rcpt) throws SmtpRefusal {
    if (!rcpt.submissionParameters().isEmpty()) {
      throw notRecognized("RCPT TO", rcpt.submissionParameters());
    }
    Conversation conversation = session.conversation();
    Transaction transaction = conversation.transaction();
    if (transaction.recipientCount() >= session.services().limits().maxRecipients()) {
      // RFC 5321 §4.5.3.1.10: 452 tells the client to send the rest in another transaction.
      session.transport().reply(SmtpReply.of(452, "4.5.3", "Too many recipients"));
      return;
    }
    Routed routed =
        session.services().recipients().resolve(rcpt.forwardPath(), transaction.smtpUtf8);
    conversation.recipient(rcpt.forwardPath(), routed);
    session.transport().reply(SmtpReply.of(250, "2.1.5", "Recipient OK"));
  }

  /** RFC 5321 §4.1.1.11: 555 for a parameter the server does not offer. */
  static SmtpRefusal notRecognized(String command, List<String> parameters) {
    return new SmtpRefusal(
        555, "5.5.4", command + " parameter " + parameters.get(0) + " not recognized");
  }
}
