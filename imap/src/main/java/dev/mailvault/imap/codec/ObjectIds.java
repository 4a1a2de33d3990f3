package dev.mailvault.imap.codec;

/**
 * The object ids of RFC 8474 as this server spells them (ADR 0223): {@code M} and the message's
 * content id for EMAILID, {@code F} and the folder's UIDVALIDITY for MAILBOXID. Both numbers are
 * never reused within a vault, so neither id ever names another object; both fit {@code objectid =
 * 1*255(ALPHA / DIGIT / "_" / "-")}.
 */
public final class ObjectIds {

  private ObjectIds() {}

  /** RFC 8474 §5.1 EMAILID. */
  public static String emailId(long contentId) {
    return "M" + contentId;
  }

  /**
   * RFC 8474 §4 MAILBOXID: the UIDVALIDITY of a folder stays through RENAME and is never reused.
   */
  public static String mailboxId(long uidValidity) {
    return "F" + uidValidity;
  }

  /** The content id an EMAILID names, or 0 when it is not one of ours. */
  public static long parseEmailId(String id) {
    if (id.length() < 2 || id.length() > 20 || id.charAt(0) != 'M') {
      return 0;
    }
    long value = 0;
    for (int i = 1; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c < '0' || c > '9' || (i == 1 && c == '0')) {
        return 0;
      }
      value = value * 10 + (c - '0');
      if (value > 1L << 53) {
        return 0;
      }
    }
    return value;
  }
}
