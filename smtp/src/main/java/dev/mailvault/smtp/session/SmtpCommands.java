package dev.mailvault.smtp.session;

import static dev.mailvault.smtp.session.SmtpCommandSpec.command;
import static dev.mailvault.smtp.session.SmtpState.BDAT;
import static dev.mailvault.smtp.session.SmtpState.CONNECTED;
import static dev.mailvault.smtp.session.SmtpState.GREETED;
import static dev.mailvault.smtp.session.SmtpState.IN_TRANSACTION;
import static dev.mailvault.smtp.session.SmtpState.MAIL;
import static dev.mailvault.smtp.session.SmtpState.RCPT;

import dev.mailvault.protocol.command.CommandTable;
import dev.mailvault.smtp.codec.SmtpCommand;
import dev.mailvault.smtp.session.SmtpCommandSpec.Reading;
import java.util.List;

/**
 * The rows of the SMTP command table (DESIGN §6, ADR 0192): every command the MX answers, the
 * states it runs in, what it says out of sequence, and the EHLO keywords it brings. The EHLO reply
 * is computed from here. A command the codec parses without a row here ({@link
 * SmtpCommand.NotImplemented}) is answered 502.
 */
final class SmtpCommands {

  private SmtpCommands() {}

  /** The table for an MX whose messages may be {@code maxMessageSize} octets. */
  static CommandTable<SmtpCommandSpec<?>, SmtpState, SmtpSession> table(long maxMessageSize) {
    return CommandTable.<SmtpCommandSpec<?>, SmtpState, SmtpSession>builder()
        // RFC 5321 §4.1.1.1: a greeting is allowed at any time and ends the transaction.
        .row(command("EHLO", SmtpCommand.Ehlo.class, GreetingCommands::ehlo).build())
        .row(command("HELO", SmtpCommand.Helo.class, GreetingCommands::helo).build())
        // RFC 5321 §4.1.1.2 with SIZE (RFC 1870), BODY=8BITMIME (RFC 6152), SMTPUTF8 (RFC 6531).
        .row(
            command("MAIL", SmtpCommand.Mail.class, EnvelopeCommands::mail)
                .allowedIn(GREETED)
                .outOfSequence(CONNECTED, "Send EHLO or HELO first")
                .outOfSequence(IN_TRANSACTION, "Nested MAIL command")
                .keywords("SIZE " + maxMessageSize, "8BITMIME", "SMTPUTF8")
                .build())
        // RFC 5321 §4.1.1.3; also between BDAT chunks, as before the table.
        .row(
            command("RCPT", SmtpCommand.Rcpt.class, EnvelopeCommands::rcpt)
                .allowedIn(MAIL, RCPT, BDAT)
                .outOfSequence(List.of(CONNECTED, GREETED), "Need MAIL before RCPT")
                .build())
        // RFC 5321 §4.1.1.4; RFC 3030 §3: not once BDAT has begun.
        .row(
            command("DATA", SmtpCommand.Data.class, MessageIntake::data)
                .allowedIn(RCPT)
                .outOfSequence(List.of(CONNECTED, GREETED), "Need MAIL and RCPT first")
                .outOfSequence(MAIL, "No valid recipients")
                .outOfSequence(BDAT, "DATA after BDAT")
                .reading(Reading.PAUSED)
                .build())
        // Where every EHLO reply has listed them: between the envelope's keywords and CHUNKING.
        .feature("PIPELINING") // RFC 2920: the reader and the serial executor
        .feature("ENHANCEDSTATUSCODES") // RFC 2034: every reply but EHLO's
        // RFC 3030.
        .row(
            command("BDAT", SmtpCommand.Bdat.class, MessageIntake::bdat)
                .allowedIn(RCPT, BDAT)
                .outOfSequence(List.of(CONNECTED, GREETED), "Need MAIL and RCPT first")
                .outOfSequence(MAIL, "No valid recipients")
                .reading(Reading.CHUNK)
                .keywords("CHUNKING")
                .build())
        // RFC 5321 §4.1.1.5-§4.1.1.10: allowed at any time.
        .row(command("RSET", SmtpCommand.Rset.class, SessionCommands::rset).build())
        .row(command("NOOP", SmtpCommand.Noop.class, SessionCommands::noop).build())
        .row(command("VRFY", SmtpCommand.Vrfy.class, SessionCommands::vrfy).build())
        .row(
            command("QUIT", SmtpCommand.Quit.class, SessionCommands::quit)
                .reading(Reading.PAUSED)
                .build())
        // RFC 3207: offered only while it can be done (a certificate, and no TLS yet).
        .row(
            command("STARTTLS", SmtpCommand.StartTls.class, GreetingCommands::startTls)
                .reading(Reading.PAUSED)
                .keywords("STARTTLS")
                .build())
        .conditional("STARTTLS", session -> session.transport().canStartTls())
        .build();
  }
}
