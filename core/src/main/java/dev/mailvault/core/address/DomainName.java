package dev.mailvault.core.address;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A domain name in its canonical form: lower-case ASCII, internationalized labels as A-labels
 * ({@code xn--...}), so {@code Bücher.example} and {@code xn--bcher-kva.example} are one domain
 * (ADR 0022). Address literals ({@code [192.0.2.1]}) are not domain names here.
 */
public final class DomainName implements Comparable<DomainName> {

  /** RFC 5321 §4.5.3.1.2. */
  static final int MAX_LENGTH = 255;

  /** RFC 5321 §4.5.3.1.2 via RFC 1035 §2.3.4. */
  private static final int MAX_LABEL_LENGTH = 63;

  private final String value;

  private DomainName(String value) {
    this.value = value;
  }

  /** Parses and canonicalizes a domain name. */
  public static DomainName parse(String text) throws InvalidAddressException {
    if (text == null || text.isEmpty()) {
      throw new InvalidAddressException("invalid domain: it is empty");
    }
    if (text.startsWith("[")) {
      throw new InvalidAddressException("invalid domain: address literals are not supported");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c) || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        throw new InvalidAddressException(
            "invalid domain: it contains a space or control character");
      }
    }
    String ascii = toAscii(text).toLowerCase(Locale.ROOT);
    if (ascii.endsWith(".")) {
      throw new InvalidAddressException("invalid domain: it must not end with a dot");
    }
    if (ascii.getBytes(StandardCharsets.US_ASCII).length > MAX_LENGTH) {
      throw new InvalidAddressException(
          "invalid domain: longer than " + MAX_LENGTH + " characters");
    }
    String[] labels = ascii.split("\\.", -1);
    for (String label : labels) {
      checkLabel(label);
    }
    // RFC 3696 §2: a top-level domain is never all-numeric; such input is an IP address typo.
    if (labels[labels.length - 1].chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new InvalidAddressException("invalid domain: the last label must not be all digits");
    }
    return new DomainName(ascii);
  }

  /** The canonical ASCII form, e.g. {@code xn--bcher-kva.example}. */
  public String value() {
    return value;
  }

  /** The form for people, with A-labels shown as Unicode, e.g. {@code bücher.example}. */
  public String unicode() {
    return IDN.toUnicode(value, IDN.ALLOW_UNASSIGNED);
  }

  private static String toAscii(String text) throws InvalidAddressException {
    if (text.chars().allMatch(c -> c < 0x80)) {
      return text;
    }
    // These four map differently under IDNA2003 (java.net.IDN) and IDNA2008 (RFC 5892): ß would
    // become "ss" here but xn--...-oqa in today's DNS. Refuse rather than route to the wrong
    // domain.
    if (text.indexOf('\u00DF') >= 0
        || text.indexOf('\u03C2') >= 0
        || text.indexOf('\u200C') >= 0
        || text.indexOf('\u200D') >= 0) {
      throw new InvalidAddressException(
          "invalid domain: it contains ß, ς or a zero-width joiner; give its xn-- form instead");
    }
    try {
      return IDN.toASCII(text, IDN.USE_STD3_ASCII_RULES);
    } catch (IllegalArgumentException e) {
      throw new InvalidAddressException(
          "invalid domain: not a valid internationalized domain name");
    }
  }

  /** RFC 5321 §4.1.2: sub-domain = Let-dig [Ldh-str]. */
  private static void checkLabel(String label) throws InvalidAddressException {
    if (label.isEmpty()) {
      throw new InvalidAddressException(
          "invalid domain: it has an empty label (two dots in a row?)");
    }
    if (label.length() > MAX_LABEL_LENGTH) {
      throw new InvalidAddressException(
          "invalid domain: a label is longer than " + MAX_LABEL_LENGTH + " characters");
    }
    for (int i = 0; i < label.length(); i++) {
      char c = label.charAt(i);
      boolean letDig = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (!letDig && c != '-') {
        throw new InvalidAddressException(
            "invalid domain: only letters, digits, hyphens and dots are allowed");
      }
    }
    if (label.startsWith("-") || label.endsWith("-")) {
      throw new InvalidAddressException("invalid domain: a label starts or ends with a hyphen");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DomainName other && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public int compareTo(DomainName other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
