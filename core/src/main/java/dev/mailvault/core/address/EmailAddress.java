package dev.mailvault.core.address;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * A mailbox address {@code local-part@domain} (RFC 5321 §4.1.2, RFC 5322 §3.4.1 addr-spec, with
 * UTF-8 local parts per RFC 6531 §3.3). The domain is canonical ({@link DomainName}); the local
 * part is kept as given for display, but addresses compare case-insensitively through {@link
 * #canonical()}, the form used for lookups (ADR 0022).
 *
 * <p>A quoted local part is accepted when its content is an ordinary dot-string ({@code
 * "hello"@example.com} is {@code hello@example.com}); local parts that need quotes (spaces,
 * specials) are refused, as RFC 5321 §4.1.2 advises receivers not to define them.
 */
public final class EmailAddress {

  /** RFC 5321 §4.5.3.1.1. */
  static final int MAX_LOCAL_LENGTH = 64;

  /** RFC 5321 §4.5.3.1.3: a path is at most 256 octets including the angle brackets. */
  static final int MAX_LENGTH = 254;

  private static final String ATEXT_SPECIALS = "!#$%&'*+-/=?^_`{|}~";

  private final String localPart;
  private final DomainName domain;

  private EmailAddress(String localPart, DomainName domain) {
    this.localPart = localPart;
    this.domain = domain;
  }

  /** Parses and validates {@code local@domain}. */
  public static EmailAddress parse(String text) throws InvalidAddressException {
    if (text == null || text.isEmpty()) {
      throw new InvalidAddressException("invalid address: it is empty");
    }
    int at = text.startsWith("\"") ? closingQuote(text) + 1 : text.indexOf('@');
    if (at < 0 || at >= text.length() || text.charAt(at) != '@') {
      throw new InvalidAddressException("invalid address: it has no @");
    }
    String rawLocal = text.substring(0, at);
    String rawDomain = text.substring(at + 1);
    if (rawLocal.isEmpty()) {
      throw new InvalidAddressException("invalid address: the part before @ is missing");
    }
    if (rawDomain.isEmpty()) {
      throw new InvalidAddressException("invalid address: the domain after @ is missing");
    }
    if (rawDomain.indexOf('@') >= 0) {
      throw new InvalidAddressException("invalid address: it has more than one @");
    }
    String local = rawLocal.startsWith("\"") ? unquote(rawLocal) : rawLocal;
    checkDotString(local);
    if (utf8Length(local) > MAX_LOCAL_LENGTH) {
      throw new InvalidAddressException(
          "invalid address: the part before @ is longer than " + MAX_LOCAL_LENGTH + " octets");
    }
    DomainName domain = DomainName.parse(rawDomain);
    if (utf8Length(local) + 1 + domain.value().length() > MAX_LENGTH) {
      throw new InvalidAddressException("invalid address: longer than " + MAX_LENGTH + " octets");
    }
    return new EmailAddress(local, domain);
  }

  /** The local part as given (unquoted). */
  public String localPart() {
    return localPart;
  }

  public DomainName domain() {
    return domain;
  }

  /**
   * The lookup form: local part lower-cased, canonical domain. Two addresses that differ only in
   * case have the same canonical form.
   */
  public String canonical() {
    return localPart.toLowerCase(Locale.ROOT) + "@" + domain.value();
  }

  /**
   * The tag after {@code separator} in the local part, e.g. {@code news} for {@code
   * hello+news@example.com} with {@code '+'}; empty when there is none.
   */
  public Optional<String> tag(char separator) {
    int i = localPart.indexOf(separator);
    return i > 0 ? Optional.of(localPart.substring(i + 1)) : Optional.empty();
  }

  /**
   * This address without its sub-address tag: {@code hello+news@example.com} becomes {@code
   * hello@example.com}. An address without a tag, or whose local part starts with the separator, is
   * returned unchanged.
   */
  public EmailAddress withoutTag(char separator) {
    int i = localPart.indexOf(separator);
    if (i <= 0) {
      return this;
    }
    String base = localPart.substring(0, i);
    // A base ending with a dot ("a.+x") is not a dot-string; keep the address whole then.
    return base.endsWith(".") ? this : new EmailAddress(base, domain);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EmailAddress other && canonical().equals(other.canonical());
  }

  @Override
  public int hashCode() {
    return canonical().hashCode();
  }

  /** {@code local@domain}, the local part as given and the domain canonical. */
  @Override
  public String toString() {
    return localPart + "@" + domain.value();
  }

  /** RFC 5321 §4.1.2: Dot-string = Atom *("." Atom); RFC 6531 §3.3 adds UTF-8 to atext. */
  private static void checkDotString(String local) throws InvalidAddressException {
    if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
      throw new InvalidAddressException(
          "invalid address: the part before @ has a dot at its start, its end or twice in a row");
    }
    for (int i = 0; i < local.length(); i++) {
      char c = local.charAt(i);
      if (isSpaceOrControl(c)) {
        throw new InvalidAddressException(
            "invalid address: it contains a space or control character");
      }
      boolean atext =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || ATEXT_SPECIALS.indexOf(c) >= 0
              || c == '.'
              || c >= 0x80;
      if (!atext) {
        throw new InvalidAddressException(
            "invalid address: the part before @ contains a character that needs quoting");
      }
    }
  }

  private static int closingQuote(String text) throws InvalidAddressException {
    for (int i = 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        return i;
      }
    }
    throw new InvalidAddressException("invalid address: a quote is not closed");
  }

  /** RFC 5321 §4.1.2: Quoted-string = DQUOTE *QcontentSMTP DQUOTE; quoted-pairSMTP = "\" char. */
  private static String unquote(String quoted) throws InvalidAddressException {
    StringBuilder out = new StringBuilder(quoted.length());
    for (int i = 1; i < quoted.length() - 1; i++) {
      char c = quoted.charAt(i);
      if (c == '\\') {
        c = quoted.charAt(++i);
      }
      if (isSpaceOrControl(c)) {
        throw new InvalidAddressException(
            "invalid address: it contains a space or control character");
      }
      out.append(c);
    }
    String content = out.toString();
    if (content.isEmpty()) {
      throw new InvalidAddressException("invalid address: the part before @ is empty");
    }
    try {
      checkDotString(content);
    } catch (InvalidAddressException needsQuotes) {
      throw new InvalidAddressException(
          "invalid address: local parts that need quotes are not supported");
    }
    return content;
  }

  private static boolean isSpaceOrControl(char c) {
    return Character.isISOControl(c) || Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  private static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
