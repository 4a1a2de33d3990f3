package dev.mailvault.core.sieve;

import java.util.Locale;

/** Splitting and checking of addresses for the address-part tags (RFC 5228 §2.7.4, RFC 5233). */
final class Addresses {

  /** The separator of a sub-address (RFC 5233 §1: implementation-defined; {@code +} here). */
  static final char DETAIL_SEPARATOR = '+';

  private Addresses() {}

  /** Whether {@code s} looks like {@code local@domain} with nothing else around. */
  static boolean isMailbox(String s) {
    int at = s.lastIndexOf('@');
    if (at <= 0 || at == s.length() - 1) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= ' ' || c == '<' || c == '>' || c == ',' || c == 0x7f) {
        return false;
      }
    }
    return true;
  }

  static String localPart(String address) {
    int at = address.lastIndexOf('@');
    return at < 0 ? address : address.substring(0, at);
  }

  static String domain(String address) {
    int at = address.lastIndexOf('@');
    return at < 0 ? "" : address.substring(at + 1);
  }

  /** The address part a tag names; null when there is none (a {@code :detail} without '+'). */
  static String part(String address, String tag) {
    String local = localPart(address);
    int sep = local.indexOf(DETAIL_SEPARATOR);
    return switch (tag) {
      case "localpart" -> local;
      case "domain" -> domain(address);
      // RFC 5233 §4: :user is the part before the separator, or the whole local part.
      case "user" -> sep < 0 ? local : local.substring(0, sep);
      // RFC 5233 §4: :detail does not match when there is no separator.
      case "detail" -> sep < 0 ? null : local.substring(sep + 1);
      default -> address;
    };
  }

  /** Case-insensitive comparison of whole addresses, for "one of my addresses". */
  static String normal(String address) {
    return address.strip().toLowerCase(Locale.ROOT);
  }
}
