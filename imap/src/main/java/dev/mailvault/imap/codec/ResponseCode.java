package dev.mailvault.imap.codec;

import dev.mailvault.core.mail.UidSet;
import java.util.List;
import java.util.Locale;

/**
 * A response code in brackets (RFC 9051 §7.1): {@code [TRYCREATE]}, {@code [APPENDUID 1 2]}.
 *
 * @param name the code's atom, upper-cased
 * @param arguments what follows the name, already in wire syntax (atoms, numbers, lists)
 */
public record ResponseCode(String name, String arguments) {

  public ResponseCode {
    name = name.toUpperCase(Locale.ROOT);
    for (int i = 0; i < name.length(); i++) {
      if (!ImapChars.isAtomChar(name.charAt(i))) {
        throw new IllegalArgumentException("response code name is not an atom");
      }
    }
    if (arguments != null
        && (arguments.indexOf('\r') >= 0
            || arguments.indexOf('\n') >= 0
            || arguments.indexOf(']') >= 0)) {
      throw new IllegalArgumentException("response code arguments must stay on the line");
    }
  }

  public static ResponseCode of(String name) {
    return new ResponseCode(name, null);
  }

  // RFC 9051 §7.1 codes the handlers need first.
  public static final ResponseCode TRYCREATE = of("TRYCREATE");
  public static final ResponseCode NONEXISTENT = of("NONEXISTENT");
  public static final ResponseCode ALREADYEXISTS = of("ALREADYEXISTS");
  public static final ResponseCode OVERQUOTA = of("OVERQUOTA");
  public static final ResponseCode CANNOT = of("CANNOT");
  public static final ResponseCode TOOBIG = of("TOOBIG");
  public static final ResponseCode AUTHENTICATIONFAILED = of("AUTHENTICATIONFAILED");
  public static final ResponseCode PRIVACYREQUIRED = of("PRIVACYREQUIRED");
  public static final ResponseCode READ_ONLY = of("READ-ONLY");
  public static final ResponseCode READ_WRITE = of("READ-WRITE");
  public static final ResponseCode ALERT = of("ALERT");
  // RFC 5530 §3: a temporary failure; the client may try again later.
  public static final ResponseCode UNAVAILABLE = of("UNAVAILABLE");
  // RFC 5530 §3: a server limit stops the operation now; ADR 0166 uses it for the in-flight budget.
  public static final ResponseCode LIMIT = of("LIMIT");
  // RFC 3516 §4.3 (BINARY): the server cannot decode the part's transfer encoding.
  public static final ResponseCode UNKNOWN_CTE = of("UNKNOWN-CTE");

  public static ResponseCode capability(List<String> capabilities) {
    return new ResponseCode("CAPABILITY", String.join(" ", capabilities));
  }

  public static ResponseCode uidValidity(long uidValidity) {
    return new ResponseCode("UIDVALIDITY", Long.toString(uidValidity));
  }

  public static ResponseCode uidNext(long uidNext) {
    return new ResponseCode("UIDNEXT", Long.toString(uidNext));
  }

  /** RFC 8474 §4: {@code MAILBOXID (objectid)} in the SELECT, EXAMINE and CREATE answers. */
  public static ResponseCode mailboxId(long uidValidity) {
    return new ResponseCode("MAILBOXID", "(" + ObjectIds.mailboxId(uidValidity) + ")");
  }

  /** RFC 4315 §3 (UIDPLUS). */
  public static ResponseCode appendUid(long uidValidity, UidSet uids) {
    return new ResponseCode("APPENDUID", uidValidity + " " + format(uids));
  }

  /** RFC 4315 §3; also sent by MOVE (RFC 6851 §4.3). */
  public static ResponseCode copyUid(long uidValidity, UidSet from, UidSet to) {
    return new ResponseCode("COPYUID", uidValidity + " " + format(from) + " " + format(to));
  }

  /** A UID set as {@code 1:3,7}. */
  public static String format(UidSet uids) {
    StringBuilder out = new StringBuilder();
    for (UidSet.Range range : uids.ranges()) {
      if (out.length() > 0) {
        out.append(',');
      }
      out.append(range.first());
      if (range.last() != range.first()) {
        out.append(':').append(range.last());
      }
    }
    return out.toString();
  }
}
