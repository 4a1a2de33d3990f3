package dev.mailvault.smtp.session;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.address.InvalidAddressException;
import dev.mailvault.core.outbound.OutboundRecipient;
import dev.mailvault.smtp.codec.SmtpCommand;
import dev.mailvault.smtp.codec.SmtpReply;
import java.util.List;

/**
 * MAIL and RCPT on submission (RFC 6409): only after AUTH, only from an address the login may send
 * as (ADR 0203), within the hourly count (ADR 0204); recipients anywhere, with their DSN options
 * (RFC 3461). No relaying without AUTH at all.
 */
final class SubmissionEnvelope {

  private SubmissionEnvelope() {}

  static void mail(SmtpSession session, SmtpCommand.Mail mail) throws SmtpRefusal {
    EmailAddress alias =
        session
            .conversation()
            .authenticated()
            // RFC 4954 §6: 530 5.7.0, authentication required.
            .orElseThrow(() -> new SmtpRefusal(530, "5.7.0", "Authentication required"));
    long max = session.services().limits().reader().maxMessageSize();
    if (mail.size().isPresent() && mail.size().getAsLong() > max) {
      // RFC 1870 §6.1.
      session
          .transport()
          .reply(SmtpReply.of(552, "5.3.4", "Message size exceeds fixed maximum message size"));
      return;
    }
    if (mail.requireTls() && !session.transport().isSecure()) {
      // RFC 8689 §4: REQUIRETLS is offered over TLS only, and a parameter not offered is 555.
      throw EnvelopeCommands.notRecognized("MAIL FROM", List.of("REQUIRETLS"));
    }
    String from = mail.reversePath();
    if (from.isEmpty()) {
      // RFC 6409 §8.1 leaves the sender to policy: a login always has an address to send from.
      throw new SmtpRefusal(553, "5.7.1", "Submission needs a sender address, not <>");
    }
    if (!mail.smtpUtf8() && !RecipientResolver.isAscii(from)) {
      throw new SmtpRefusal(553, "5.6.7", "Non-ASCII address needs SMTPUTF8");
    }
    try {
      EmailAddress.parse(from);
    } catch (InvalidAddressException e) {
      throw new SmtpRefusal(501, "5.1.7", "Bad sender address syntax");
    }
    SubmissionServices services = session.services().submission();
    if (!services.senders().allows(alias, from)) {
      throw new SmtpRefusal(550, "5.7.1", "Sender address not allowed for this login");
    }
    if (!services.rate().allows(alias)) {
      // RFC 3463 X.7.1: delivery not authorized now; 4xx, so the client may try again later.
      throw new SmtpRefusal(450, "4.7.1", "Too many messages this hour; try again later");
    }
    session.conversation().mail(new Transaction(mail));
    session.transport().reply(SmtpReply.of(250, "2.1.0", "Sender OK"));
  }

  static void rcpt(SmtpSession session, SmtpCommand.Rcpt rcpt) throws SmtpRefusal {
    Conversation conversation = session.conversation();
    Transaction transaction = conversation.transaction();
    if (transaction.recipientCount() >= session.services().limits().maxRecipients()) {
      // RFC 5321 §4.5.3.1.10: 452 tells the client to send the rest in another transaction.
      session.transport().reply(SmtpReply.of(452, "4.5.3", "Too many recipients"));
      return;
    }
    String to = rcpt.forwardPath();
    if (!transaction.smtpUtf8 && !RecipientResolver.isAscii(to)) {
      // RFC 6531 §3.5.
      throw new SmtpRefusal(553, "5.6.7", "Non-ASCII address needs SMTPUTF8");
    }
    try {
      EmailAddress.parse(to);
    } catch (InvalidAddressException e) {
      throw new SmtpRefusal(501, "5.1.3", "Bad recipient address syntax");
    }
    conversation.recipient(new OutboundRecipient(to, rcpt.notifyOn(), rcpt.originalRecipient()));
    session.transport().reply(SmtpReply.of(250, "2.1.5", "Recipient OK"));
  }
}
