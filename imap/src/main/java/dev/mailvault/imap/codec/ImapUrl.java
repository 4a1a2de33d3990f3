package dev.mailvault.imap.codec;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The part of an IMAP URL (RFC 5092) that names one message or a section of one: what CATENATE (RFC
 * 4469 §5) accepts. Both forms are read: an absolute URL {@code imap://user@host/...} and a path
 * relative to the session's server, {@code /INBOX;UIDVALIDITY=7/;UID=3/;SECTION=1.2}. URLAUTH
 * parameters and server-wide commands (LIST, search) are not accepted.
 *
 * @param user the decoded {@code enc-user} of an absolute URL, or {@code null} for a relative one
 * @param mailbox the decoded mailbox name (UTF-8)
 * @param uidValidity the {@code ;UIDVALIDITY=} asked for, or 0 when absent
 * @param uid the {@code ;UID=}
 * @param section the section as {@link dev.mailvault.core.access.MailboxAccess#fetchSection} reads
 *     it, upper-cased, or empty for the whole message
 * @param partialOffset the {@code ;PARTIAL=} offset, or -1 when absent
 * @param partialLength the partial length, or -1 for "to the end"
 */
public record ImapUrl(
    String user,
    String mailbox,
    long uidValidity,
    long uid,
    String section,
    long partialOffset,
    long partialLength) {

  /**
   * RFC 9051 §6.4.5 section-spec: part numbers, then HEADER, TEXT, MIME (after a part) or
   * HEADER.FIELDS[.NOT] with a list of field names.
   */
  private static final Pattern SECTION =
      Pattern.compile(
          "([1-9][0-9]{0,8}(\\.[1-9][0-9]{0,8})*)"
              + "|(([1-9][0-9]{0,8}\\.)*(HEADER|TEXT|HEADER\\.FIELDS(\\.NOT)? \\([!-'*-~]+( [!-'*-~]+)*\\)))"
              + "|(([1-9][0-9]{0,8}\\.)+MIME)");

  private static final Pattern NUMBER = Pattern.compile("[1-9][0-9]{0,9}");
  private static final Pattern NUMBER_OR_ZERO = Pattern.compile("0|[1-9][0-9]{0,18}");

  /** Thrown for a URL this server cannot resolve; the text names the reason, never the URL. */
  public static final class BadUrlException extends Exception {
    BadUrlException(String reason) {
      super(reason);
    }
  }

  /** Reads {@code url}; only a message or section URL is accepted. */
  public static ImapUrl parse(String url) throws BadUrlException {
    String user = null;
    String path = url;
    if (url.regionMatches(true, 0, "imap://", 0, 7)) {
      int slash = url.indexOf('/', 7);
      if (slash < 0) {
        throw new BadUrlException("no message in the URL");
      }
      String authority = url.substring(7, slash);
      int at = authority.lastIndexOf('@');
      if (at <= 0) {
        // RFC 5092 §3.2: no user means anonymous access, which this server does not offer.
        throw new BadUrlException("the URL names no user");
      }
      String userInfo = authority.substring(0, at);
      if (userInfo.toUpperCase(Locale.ROOT).contains(";AUTH=")) {
        userInfo = userInfo.substring(0, userInfo.toUpperCase(Locale.ROOT).indexOf(";AUTH="));
      }
      user = decode(userInfo);
      path = url.substring(slash);
    }
    if (!path.startsWith("/")) {
      throw new BadUrlException("not an absolute path");
    }
    String upper = path.toUpperCase(Locale.ROOT);
    int uidAt = upper.indexOf("/;UID=");
    if (uidAt < 1) {
      throw new BadUrlException("the URL names no message");
    }
    String mailboxPart = path.substring(1, uidAt);
    long uidValidity = 0;
    int validityAt = mailboxPart.toUpperCase(Locale.ROOT).indexOf(";UIDVALIDITY=");
    if (validityAt >= 0) {
      uidValidity = number(mailboxPart.substring(validityAt + 13), NUMBER);
      mailboxPart = mailboxPart.substring(0, validityAt);
    }
    if (mailboxPart.isEmpty() || mailboxPart.indexOf(';') >= 0) {
      throw new BadUrlException("bad mailbox in the URL");
    }
    String mailbox = decode(mailboxPart);
    long uid = 0;
    String section = "";
    long offset = -1;
    long length = -1;
    String[] params = path.substring(uidAt + 2).split("/;", -1);
    int expected = 0;
    for (String param : params) {
      int eq = param.indexOf('=');
      String name =
          eq < 0 ? param.toUpperCase(Locale.ROOT) : param.substring(0, eq).toUpperCase(Locale.ROOT);
      String value = eq < 0 ? "" : param.substring(eq + 1);
      // RFC 5092 §7: iuid [isection] [ipartial], in that order, nothing else (no URLAUTH here).
      int order =
          switch (name) {
            case "UID" -> 0;
            case "SECTION" -> 1;
            case "PARTIAL" -> 2;
            default -> throw new BadUrlException("unsupported URL parameter");
          };
      if (order < expected || eq < 0) {
        throw new BadUrlException("URL parameters out of order");
      }
      expected = order + 1;
      switch (name) {
        case "UID" -> uid = number(value, NUMBER);
        case "SECTION" -> section = section(decode(value));
        default -> {
          int dot = value.indexOf('.');
          offset = number(dot < 0 ? value : value.substring(0, dot), NUMBER_OR_ZERO);
          length = dot < 0 ? -1 : number(value.substring(dot + 1), NUMBER);
        }
      }
    }
    return new ImapUrl(user, mailbox, uidValidity, uid, section, offset, length);
  }

  private static String section(String value) throws BadUrlException {
    String upper = value.toUpperCase(Locale.ROOT);
    if (!SECTION.matcher(upper).matches()) {
      throw new BadUrlException("bad section in the URL");
    }
    return upper;
  }

  private static long number(String text, Pattern pattern) throws BadUrlException {
    if (!pattern.matcher(text).matches()) {
      throw new BadUrlException("bad number in the URL");
    }
    long value = Long.parseLong(text);
    if (pattern == NUMBER && value > 0xffffffffL) {
      throw new BadUrlException("number out of range in the URL");
    }
    return value;
  }

  /** RFC 3986 §2.1 percent-decoding of UTF-8 (RFC 5092 §3.3). */
  static String decode(String text) throws BadUrlException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%') {
        if (i + 2 >= text.length()) {
          throw new BadUrlException("bad %-escape in the URL");
        }
        int hi = Character.digit(text.charAt(i + 1), 16);
        int lo = Character.digit(text.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw new BadUrlException("bad %-escape in the URL");
        }
        out.write(hi * 16 + lo);
        i += 2;
      } else if (c <= ' ' || c >= 0x7f) {
        throw new BadUrlException("bad character in the URL");
      } else {
        out.write(c);
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(out.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new BadUrlException("the URL is not UTF-8");
    }
  }
}
