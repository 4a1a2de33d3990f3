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
import dev.mailvault.smtp.session.SmtpCommandSpec.Handler;
import dev.mailvault.smtp.session.SmtpCommandSpec.Reading;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of the SMTP command tables (DESIGN §6, ADR 0192): every command the MX and submission
 * answer, the states it runs in, what it says out of sequence, and the EHLO keywords it brings. The
 * EHLO reply is computed from here. Submission (ADR 0203) is built from the same rows with its own
 * MAIL and RCPT handlers, and AUTH, DSN and REQUIRETLS added. A command the codec parses without a
 * row here ({@link SmtpCommand.NotImplemented}, AUTH on the MX) is answered 502.
 */
final class SmtpCommands {

  private SmtpCommands() {}

  /** The table for an MX whose messages may be {@code maxMessageSize} octets. */
  static CommandTable<SmtpCommandSpec<?>, SmtpState, SmtpSession> table(long maxMessageSize) {
    var table = CommandTable.<SmtpCommandSpec<?>, SmtpState, SmtpSession>builder();
    greetings(table);
    // RFC 5321 §4.1.1.2 with SIZE (RFC 1870), BODY=8BITMIME (RFC 6152), SMTPUTF8 (RFC 6531).
    table.row(mail(EnvelopeCommands::mail, envelopeKeywords(maxMessageSize)));
    table.row(rcpt(EnvelopeCommands::rcpt));
    message(table);
    rest(table);
    return table.build();
  }

  /**
   * The table for submission (RFC 6409): the MX's rows, MAIL and RCPT checked against the login,
   * AUTH (RFC 4954) offered once a password may be sent, DSN (RFC 3461) and REQUIRETLS (RFC 8689
   * §4: offered over TLS only).
   */
  static CommandTable<SmtpCommandSpec<?>, SmtpState, SmtpSession> submissionTable(
      long maxMessageSize) {
    var table = CommandTable.<SmtpCommandSpec<?>, SmtpState, SmtpSession>builder();
    greetings(table);
    List<String> keywords = new ArrayList<>(List.of(envelopeKeywords(maxMessageSize)));
    keywords.add("DSN");
    table.row(mail(SubmissionEnvelope::mail, keywords.toArray(String[]::new)));
    table.feature("REQUIRETLS");
    table.conditional("REQUIRETLS", session -> session.transport().isSecure());
    table.row(rcpt(SubmissionEnvelope::rcpt));
    // RFC 4954 §4: not during a transaction; the reader pauses for the challenges.
    table.row(
        command("AUTH", SmtpCommand.Auth.class, SubmissionAuth::auth)
            .allowedIn(GREETED)
            .outOfSequence(CONNECTED, "Send EHLO first")
            .outOfSequence(IN_TRANSACTION, "AUTH not allowed during a mail transaction")
            .reading(Reading.PAUSED)
            .keywords("AUTH PLAIN LOGIN")
            .build());
    table.conditional("AUTH PLAIN LOGIN", SubmissionAuth::offered);
    message(table);
    rest(table);
    return table.build();
  }

  private static String[] envelopeKeywords(long maxMessageSize) {
    return new String[] {"SIZE " + maxMessageSize, "8BITMIME", "SMTPUTF8"};
  }

  private static void greetings(
      CommandTable.Builder<SmtpCommandSpec<?>, SmtpState, SmtpSession> table) {
    // RFC 5321 §4.1.1.1: a greeting is allowed at any time and ends the transaction.
    table.row(command("EHLO", SmtpCommand.Ehlo.class, GreetingCommands::ehlo).build());
    table.row(command("HELO", SmtpCommand.Helo.class, GreetingCommands::helo).build());
  }

  private static SmtpCommandSpec<SmtpCommand.Mail> mail(
      Handler<SmtpCommand.Mail> handler, String... keywords) {
    return command("MAIL", SmtpCommand.Mail.class, handler)
        .allowedIn(GREETED)
        .outOfSequence(CONNECTED, "Send EHLO or HELO first")
        .outOfSequence(IN_TRANSACTION, "Nested MAIL command")
        .keywords(keywords)
        .build();
  }

  /** RFC 5321 §4.1.1.3; also between BDAT chunks, as before the table. */
  private static SmtpCommandSpec<SmtpCommand.Rcpt> rcpt(Handler<SmtpCommand.Rcpt> handler) {
    return command("RCPT", SmtpCommand.Rcpt.class, handler)
        .allowedIn(MAIL, RCPT, BDAT)
        .outOfSequence(List.of(CONNECTED, GREETED), "Need MAIL before RCPT")
        .build();
  }

  private static void message(
      CommandTable.Builder<SmtpCommandSpec<?>, SmtpState, SmtpSession> table) {
    // RFC 5321 §4.1.1.4; RFC 3030 §3: not once BDAT has begun.
    table.row(
        command("DATA", SmtpCommand.Data.class, MessageIntake::data)
            .allowedIn(RCPT)
            .outOfSequence(List.of(CONNECTED, GREETED), "Need MAIL and RCPT first")
            .outOfSequence(MAIL, "No valid recipients")
            .outOfSequence(BDAT, "DATA after BDAT")
            .reading(Reading.PAUSED)
            .build());
    // Where every EHLO reply has listed them: between the envelope's keywords and CHUNKING.
    table.feature("PIPELINING"); // RFC 2920: the reader and the serial executor
    table.feature("ENHANCEDSTATUSCODES"); // RFC 2034: every reply but EHLO's
    // RFC 3030.
    table.row(
        command("BDAT", SmtpCommand.Bdat.class, MessageIntake::bdat)
            .allowedIn(RCPT, BDAT)
            .outOfSequence(List.of(CONNECTED, GREETED), "Need MAIL and RCPT first")
            .outOfSequence(MAIL, "No valid recipients")
            .reading(Reading.CHUNK)
            .keywords("CHUNKING")
            .build());
  }

  private static void rest(CommandTable.Builder<SmtpCommandSpec<?>, SmtpState, SmtpSession> table) {
    // RFC 5321 §4.1.1.5-§4.1.1.10: allowed at any time.
    table.row(command("RSET", SmtpCommand.Rset.class, SessionCommands::rset).build());
    table.row(command("NOOP", SmtpCommand.Noop.class, SessionCommands::noop).build());
    table.row(command("VRFY", SmtpCommand.Vrfy.class, SessionCommands::vrfy).build());
    table.row(
        command("QUIT", SmtpCommand.Quit.class, SessionCommands::quit)
            .reading(Reading.PAUSED)
            .build());
    // RFC 3207: offered only while it can be done (a certificate, and no TLS yet).
    table.row(
        command("STARTTLS", SmtpCommand.StartTls.class, GreetingCommands::startTls)
            .reading(Reading.PAUSED)
            .keywords("STARTTLS")
            .build());
    table.conditional("STARTTLS", session -> session.transport().canStartTls());
  }
}
