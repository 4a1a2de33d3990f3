package dev.mailvault.smtp.codec;

import dev.mailvault.core.outbound.DsnNotify;
import dev.mailvault.core.outbound.DsnReturn;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The values of the DSN parameters (RFC 3461 §4): RET and ENVID on MAIL, NOTIFY and ORCPT on RCPT,
 * checked and xtext decoded; a bad value is 501 5.5.4.
 */
final class DsnParameters {

  /** RFC 3461 §4.4: ENVID is at most 100 characters (encoded). */
  private static final int MAX_ENVID = 100;

  /** RFC 3461 §4.2: ORCPT is at most 500 characters (encoded). */
  private static final int MAX_ORCPT = 500;

  private DsnParameters() {}

  /** RFC 3461 §4.4: ENVID=xtext. */
  static String envelopeId(String value) throws SmtpSyntaxException {
    return xtextValue("ENVID", value, MAX_ENVID);
  }

  /** RFC 3461 §4.3. */
  static DsnReturn ret(String value) throws SmtpSyntaxException {
    String kind = value == null ? "" : value.toUpperCase(Locale.ROOT);
    return switch (kind) {
      case "FULL" -> DsnReturn.FULL;
      case "HDRS" -> DsnReturn.HEADERS;
      default -> throw CommandParser.argumentError("RET must be FULL or HDRS");
    };
  }

  /** RFC 3461 §4.1: NEVER, or a comma-separated list of SUCCESS, FAILURE and DELAY. */
  static Set<DsnNotify> notify(String value) throws SmtpSyntaxException {
    if (value == null || value.isEmpty()) {
      throw CommandParser.argumentError("NOTIFY needs a value");
    }
    Set<DsnNotify> notify = EnumSet.noneOf(DsnNotify.class);
    for (String word : value.split(",", -1)) {
      DsnNotify one =
          switch (word.toUpperCase(Locale.ROOT)) {
            case "NEVER" -> DsnNotify.NEVER;
            case "SUCCESS" -> DsnNotify.SUCCESS;
            case "FAILURE" -> DsnNotify.FAILURE;
            case "DELAY" -> DsnNotify.DELAY;
            default ->
                throw CommandParser.argumentError(
                    "NOTIFY must be NEVER or SUCCESS, FAILURE, DELAY");
          };
      if (!notify.add(one)) {
        throw CommandParser.argumentError("NOTIFY names a value twice");
      }
    }
    if (notify.contains(DsnNotify.NEVER) && notify.size() > 1) {
      throw CommandParser.argumentError("NOTIFY=NEVER excludes every other value");
    }
    return notify;
  }

  /** RFC 3461 §4.2: ORCPT=addr-type ";" xtext; the type is an atom, such as rfc822. */
  static String originalRecipient(String value) throws SmtpSyntaxException {
    int semicolon = value == null ? -1 : value.indexOf(';');
    if (semicolon <= 0) {
      throw CommandParser.argumentError("Syntax: ORCPT=addr-type;address");
    }
    String type = value.substring(0, semicolon);
    for (int i = 0; i < type.length(); i++) {
      char c = type.charAt(i);
      if (!(Character.isLetterOrDigit(c) && c < 0x80 || c == '-')) {
        throw CommandParser.argumentError("Syntax: ORCPT=addr-type;address");
      }
    }
    String address = xtextValue("ORCPT", value.substring(semicolon + 1), MAX_ORCPT);
    if (address.isEmpty()) {
      throw CommandParser.argumentError("Syntax: ORCPT=addr-type;address");
    }
    return type + ";" + address;
  }

  private static String xtextValue(String keyword, String value, int max)
      throws SmtpSyntaxException {
    if (value == null || value.isEmpty() || value.length() > max) {
      throw CommandParser.argumentError(
          keyword + " needs an xtext value of at most " + max + " characters");
    }
    String decoded = Xtext.decode(value);
    if (decoded == null) {
      throw CommandParser.argumentError(keyword + " is not valid xtext");
    }
    return decoded;
  }
}
