package dev.mailvault.smtp.codec;

import java.util.OptionalLong;

/** A parsed SMTP command (RFC 5321 §4.1.1 and the extensions the MX offers). */
public sealed interface SmtpCommand {

  /** RFC 5321 §4.1.1.1. */
  record Ehlo(String domain) implements SmtpCommand {}

  /** RFC 5321 §4.1.1.1. */
  record Helo(String domain) implements SmtpCommand {}

  /**
   * RFC 5321 §4.1.1.2 with SIZE (RFC 1870), BODY (RFC 6152) and SMTPUTF8 (RFC 6531).
   *
   * @param reversePath the address between the angle brackets, empty for the null path {@code <>}
   * @param size the declared size, when given
   * @param body {@code 7BIT} or {@code 8BITMIME}, when given
   */
  record Mail(String reversePath, OptionalLong size, String body, boolean smtpUtf8)
      implements SmtpCommand {}

  /** RFC 5321 §4.1.1.3; {@code forwardPath} is the address between the angle brackets. */
  record Rcpt(String forwardPath) implements SmtpCommand {}

  /** RFC 5321 §4.1.1.4. */
  record Data() implements SmtpCommand {}

  /** RFC 3030 §2: {@code size} octets of message follow the command line at once. */
  record Bdat(long size, boolean last) implements SmtpCommand {}

  /** RFC 5321 §4.1.1.5. */
  record Rset() implements SmtpCommand {}

  /** RFC 5321 §4.1.1.6. */
  record Vrfy(String argument) implements SmtpCommand {}

  /** RFC 5321 §4.1.1.9; the argument is ignored. */
  record Noop() implements SmtpCommand {}

  /** RFC 5321 §4.1.1.10. */
  record Quit() implements SmtpCommand {}

  /** RFC 3207 §4. */
  record StartTls() implements SmtpCommand {}

  /** A command RFC 5321 names that the MX does not offer (EXPN, HELP, TURN, ETRN, AUTH...). */
  record NotImplemented(String verb) implements SmtpCommand {}
}
