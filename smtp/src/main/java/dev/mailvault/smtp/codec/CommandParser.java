package dev.mailvault.smtp.codec;

import dev.mailvault.core.outbound.DsnNotify;
import dev.mailvault.core.outbound.DsnReturn;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Parses one command line (without its CRLF) into an {@link SmtpCommand}. Syntax errors become
 * {@link SmtpSyntaxException}s carrying the reply: 500 5.5.1 for an unknown verb, 500 5.5.2 for a
 * line that is not text, 501 5.5.4 for bad arguments, 555 5.5.4 for MAIL/RCPT parameters the MX
 * does not know (RFC 5321 §4.1.1.11, §4.2.2).
 */
public final class CommandParser {

  private static final Set<String> NOT_IMPLEMENTED =
      Set.of("EXPN", "HELP", "TURN", "ETRN", "SEND", "SOML", "SAML", "ATRN");

  /** RFC 1870 §3: the SIZE value is at most 20 digits; we keep it within a long. */
  private static final int MAX_SIZE_DIGITS = 18;

  private CommandParser() {}

  public static SmtpCommand parse(byte[] line) throws SmtpSyntaxException {
    String text = decode(line);
    int space = text.indexOf(' ');
    String verb = (space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT);
    String rest = space < 0 ? "" : text.substring(space + 1);
    switch (verb) {
      case "EHLO":
        return new SmtpCommand.Ehlo(domainArgument(verb, rest));
      case "HELO":
        return new SmtpCommand.Helo(domainArgument(verb, rest));
      case "MAIL":
        return mail(rest);
      case "RCPT":
        return rcpt(rest);
      case "DATA":
        noArguments(verb, rest);
        return new SmtpCommand.Data();
      case "BDAT":
        return bdat(rest);
      case "RSET":
        noArguments(verb, rest);
        return new SmtpCommand.Rset();
      case "NOOP":
        // RFC 5321 §4.1.1.9: a parameter string is allowed and ignored.
        return new SmtpCommand.Noop();
      case "QUIT":
        noArguments(verb, rest);
        return new SmtpCommand.Quit();
      case "VRFY":
        if (rest.isBlank()) {
          throw argumentError("Syntax: VRFY <string>");
        }
        return new SmtpCommand.Vrfy(rest.strip());
      case "AUTH":
        return auth(rest);
      case "STARTTLS":
        // RFC 3207 §4: "501 Syntax error (no parameters allowed)".
        noArguments(verb, rest);
        return new SmtpCommand.StartTls();
      default:
        if (NOT_IMPLEMENTED.contains(verb)) {
          return new SmtpCommand.NotImplemented(verb);
        }
        throw new SmtpSyntaxException(SmtpReply.of(500, "5.5.1", "Command unrecognized"));
    }
  }

  /**
   * Strict UTF-8 (RFC 6531 §3.3 allows UTF-8 in addresses); a NUL or another control character is
   * refused, since no command needs one.
   */
  private static String decode(byte[] line) throws SmtpSyntaxException {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(line))
              .toString();
    } catch (CharacterCodingException e) {
      throw new SmtpSyntaxException(
          SmtpReply.of(500, "5.5.2", "Syntax error: the command is not UTF-8"));
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 && c != '\t' || c == 0x7f) {
        throw new SmtpSyntaxException(
            SmtpReply.of(500, "5.5.2", "Syntax error: control character in command"));
      }
    }
    return text;
  }

  private static String domainArgument(String verb, String rest) throws SmtpSyntaxException {
    String domain = rest.strip();
    int space = domain.indexOf(' ');
    if (space >= 0) {
      // Some clients add a comment after the domain; the domain is the first word.
      domain = domain.substring(0, space);
    }
    if (domain.isEmpty()) {
      throw argumentError("Syntax: " + verb + " <domain>");
    }
    return domain;
  }

  private static void noArguments(String verb, String rest) throws SmtpSyntaxException {
    if (!rest.isBlank()) {
      throw argumentError("Syntax: " + verb + " takes no arguments");
    }
  }

  /** RFC 5321 §4.1.1.2: "MAIL FROM:" Reverse-path [SP Mail-parameters]. */
  private static SmtpCommand mail(String rest) throws SmtpSyntaxException {
    String after = afterKeyword(rest, "FROM:", "Syntax: MAIL FROM:<address>");
    int close = closingBracket(after, "Syntax: MAIL FROM:<address>");
    String path = stripSourceRoute(after.substring(1, close));
    OptionalLong size = OptionalLong.empty();
    String body = null;
    boolean smtpUtf8 = false;
    DsnReturn ret = DsnReturn.DEFAULT;
    Optional<String> envelopeId = Optional.empty();
    boolean requireTls = false;
    List<String> submission = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String parameter : parameters(after.substring(close + 1))) {
      int equals = parameter.indexOf('=');
      String keyword =
          (equals < 0 ? parameter : parameter.substring(0, equals)).toUpperCase(Locale.ROOT);
      String value = equals < 0 ? null : parameter.substring(equals + 1);
      if (!seen.add(keyword)) {
        throw argumentError("Parameter " + keyword + " given twice");
      }
      switch (keyword) {
        case "SIZE":
          size = OptionalLong.of(sizeValue(value));
          break;
        case "BODY":
          // RFC 6152 §2: BODY=7BIT or BODY=8BITMIME; BINARYMIME (RFC 3030) is not offered.
          String kind = value == null ? "" : value.toUpperCase(Locale.ROOT);
          if (!kind.equals("7BIT") && !kind.equals("8BITMIME")) {
            throw new SmtpSyntaxException(
                SmtpReply.of(555, "5.5.4", "BODY must be 7BIT or 8BITMIME"));
          }
          body = kind;
          break;
        case "SMTPUTF8":
          // RFC 6531 §3.4: the parameter has no value.
          if (value != null) {
            throw argumentError("SMTPUTF8 takes no value");
          }
          smtpUtf8 = true;
          break;
        case "RET":
          // RFC 3461 §4.3: RET=FULL or RET=HDRS.
          ret = DsnParameters.ret(value);
          submission.add(keyword);
          break;
        case "ENVID":
          envelopeId = Optional.of(DsnParameters.envelopeId(value));
          submission.add(keyword);
          break;
        case "AUTH":
          // RFC 4954 §5: AUTH=xtext or AUTH=<>; accepted and ignored (ADR 0203).
          if (value == null || value.isEmpty()) {
            throw argumentError("AUTH needs a value");
          }
          submission.add(keyword);
          break;
        case "REQUIRETLS":
          // RFC 8689 §3: the parameter has no value.
          if (value != null) {
            throw argumentError("REQUIRETLS takes no value");
          }
          requireTls = true;
          submission.add(keyword);
          break;
        default:
          throw new SmtpSyntaxException(
              SmtpReply.of(555, "5.5.4", "MAIL FROM parameter " + keyword + " not recognized"));
      }
    }
    return new SmtpCommand.Mail(
        path, size, body, smtpUtf8, ret, envelopeId, requireTls, submission);
  }

  /** RFC 5321 §4.1.1.3: "RCPT TO:" Forward-path [SP Rcpt-parameters]. */
  private static SmtpCommand rcpt(String rest) throws SmtpSyntaxException {
    String after = afterKeyword(rest, "TO:", "Syntax: RCPT TO:<address>");
    int close = closingBracket(after, "Syntax: RCPT TO:<address>");
    String path = stripSourceRoute(after.substring(1, close));
    Set<DsnNotify> notify = Set.of();
    Optional<String> originalRecipient = Optional.empty();
    List<String> submission = new ArrayList<>();
    for (String parameter : parameters(after.substring(close + 1))) {
      String keyword = keyword(parameter);
      int equals = parameter.indexOf('=');
      String value = equals < 0 ? null : parameter.substring(equals + 1);
      if (submission.contains(keyword)) {
        throw argumentError("Parameter " + keyword + " given twice");
      }
      switch (keyword) {
        case "NOTIFY" -> notify = DsnParameters.notify(value);
        case "ORCPT" -> originalRecipient = Optional.of(DsnParameters.originalRecipient(value));
        default ->
            throw new SmtpSyntaxException(
                SmtpReply.of(555, "5.5.4", "RCPT TO parameter " + keyword + " not recognized"));
      }
      submission.add(keyword);
    }
    if (path.isEmpty()) {
      throw new SmtpSyntaxException(
          SmtpReply.of(501, "5.1.3", "The recipient address must not be empty"));
    }
    return new SmtpCommand.Rcpt(path, notify, originalRecipient, submission);
  }

  /** RFC 4954 §4: "AUTH" SP sasl-mech [SP initial-response]. */
  private static SmtpCommand auth(String rest) throws SmtpSyntaxException {
    String[] words = rest.strip().split(" +");
    if (words[0].isEmpty() || words.length > 2) {
      throw argumentError("Syntax: AUTH mechanism [initial-response]");
    }
    String mechanism = words[0].toUpperCase(Locale.ROOT);
    return new SmtpCommand.Auth(
        mechanism, words.length == 2 ? Optional.of(words[1]) : Optional.empty());
  }

  /** RFC 3030 §2: "BDAT" SP chunk-size [SP end-marker]. */
  private static SmtpCommand bdat(String rest) throws SmtpSyntaxException {
    String[] words = rest.strip().split(" +");
    if (words.length < 1 || words.length > 2 || !digits(words[0], MAX_SIZE_DIGITS)) {
      throw argumentError("Syntax: BDAT <size> [LAST]");
    }
    boolean last = false;
    if (words.length == 2) {
      if (!words[1].equalsIgnoreCase("LAST")) {
        throw argumentError("Syntax: BDAT <size> [LAST]");
      }
      last = true;
    }
    return new SmtpCommand.Bdat(Long.parseLong(words[0]), last);
  }

  private static String afterKeyword(String rest, String keyword, String usage)
      throws SmtpSyntaxException {
    if (!rest.regionMatches(true, 0, keyword, 0, keyword.length())) {
      throw argumentError(usage);
    }
    // Tolerate "MAIL FROM: <a@b>": common, and RFC 5321 §4.1.2 does not make it ambiguous.
    String after = rest.substring(keyword.length()).stripLeading();
    if (!after.startsWith("<")) {
      throw argumentError(usage);
    }
    return after;
  }

  /** The index of the '>' that closes the path, honouring a quoted local part. */
  private static int closingBracket(String text, String usage) throws SmtpSyntaxException {
    boolean quoted = false;
    for (int i = 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted && c == '\\') {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == '>' && !quoted) {
        if (i + 1 < text.length() && text.charAt(i + 1) != ' ') {
          throw argumentError(usage);
        }
        return i;
      } else if (c == ' ' && !quoted) {
        throw argumentError(usage);
      }
    }
    throw argumentError(usage);
  }

  /** RFC 5321 §4.1.2: a source route ({@code @a,@b:user@d}) must be accepted and ignored. */
  private static String stripSourceRoute(String path) {
    if (path.startsWith("@")) {
      int colon = path.indexOf(':');
      return colon < 0 ? path : path.substring(colon + 1);
    }
    return path;
  }

  private static String[] parameters(String text) {
    String trimmed = text.strip();
    return trimmed.isEmpty() ? new String[0] : trimmed.split(" +");
  }

  private static String keyword(String parameter) {
    int equals = parameter.indexOf('=');
    return (equals < 0 ? parameter : parameter.substring(0, equals)).toUpperCase(Locale.ROOT);
  }

  private static long sizeValue(String value) throws SmtpSyntaxException {
    if (value == null || !digits(value, MAX_SIZE_DIGITS)) {
      throw argumentError("SIZE needs a number");
    }
    return Long.parseLong(value);
  }

  private static boolean digits(String text, int max) {
    if (text.isEmpty() || text.length() > max) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  static SmtpSyntaxException argumentError(String text) {
    return new SmtpSyntaxException(SmtpReply.of(501, "5.5.4", text));
  }
}
