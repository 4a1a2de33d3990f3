package dev.mailvault.smtp.codec;

import dev.mailvault.core.outbound.DsnNotify;
import dev.mailvault.core.outbound.DsnReturn;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** A parsed SMTP command (RFC 5321 §4.1.1 and the extensions the MX offers). */
public sealed interface SmtpCommand {

  /** RFC 5321 §4.1.1.1. */
  record Ehlo(String domain) implements SmtpCommand {}

  /** RFC 5321 §4.1.1.1. */
  record Helo(String domain) implements SmtpCommand {}

  /**
   * RFC 5321 §4.1.1.2 with SIZE (RFC 1870), BODY (RFC 6152), SMTPUTF8 (RFC 6531), and for
   * submission RET and ENVID (RFC 3461 §4.3, §4.4), AUTH (RFC 4954 §5) and REQUIRETLS (RFC 8689
   * §3).
   *
   * @param reversePath the address between the angle brackets, empty for the null path {@code <>}
   * @param size the declared size, when given
   * @param body {@code 7BIT} or {@code 8BITMIME}, when given
   * @param ret RET, or {@link DsnReturn#DEFAULT} when not given
   * @param envelopeId ENVID, xtext decoded
   * @param requireTls whether REQUIRETLS was given
   * @param submissionParameters the keywords given among RET, ENVID, AUTH and REQUIRETLS, in order:
   *     an MX, which offers none of them, refuses the first
   */
  record Mail(
      String reversePath,
      OptionalLong size,
      String body,
      boolean smtpUtf8,
      DsnReturn ret,
      Optional<String> envelopeId,
      boolean requireTls,
      List<String> submissionParameters)
      implements SmtpCommand {

    public Mail {
      submissionParameters = List.copyOf(submissionParameters);
    }

    /** MAIL with none of submission's parameters. */
    public Mail(String reversePath, OptionalLong size, String body, boolean smtpUtf8) {
      this(
          reversePath, size, body, smtpUtf8, DsnReturn.DEFAULT, Optional.empty(), false, List.of());
    }
  }

  /**
   * RFC 5321 §4.1.1.3 with, for submission, NOTIFY and ORCPT (RFC 3461 §4.1, §4.2).
   *
   * @param forwardPath the address between the angle brackets
   * @param notifyOn NOTIFY's values; empty when not given
   * @param originalRecipient ORCPT as {@code addr-type;address}, the address xtext decoded
   * @param submissionParameters the keywords given among NOTIFY and ORCPT, in order
   */
  record Rcpt(
      String forwardPath,
      Set<DsnNotify> notifyOn,
      Optional<String> originalRecipient,
      List<String> submissionParameters)
      implements SmtpCommand {

    public Rcpt {
      notifyOn = Set.copyOf(notifyOn);
      submissionParameters = List.copyOf(submissionParameters);
    }

    /** RCPT without parameters. */
    public Rcpt(String forwardPath) {
      this(forwardPath, Set.of(), Optional.empty(), List.of());
    }
  }

  /**
   * RFC 4954 §4: {@code AUTH mechanism [initial-response]}.
   *
   * @param mechanism the SASL mechanism, upper-cased
   * @param initialResponse the base64 text, {@code =} for an empty one, or {@code *}; empty when
   *     the client waits for the server's challenge
   */
  record Auth(String mechanism, Optional<String> initialResponse) implements SmtpCommand {

    @Override
    public String toString() {
      // The initial response holds a password: never in a log.
      return "Auth[" + mechanism + "]";
    }
  }

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

  /** A command RFC 5321 names that the MX does not offer (EXPN, HELP, TURN, ETRN...). */
  record NotImplemented(String verb) implements SmtpCommand {}
}
