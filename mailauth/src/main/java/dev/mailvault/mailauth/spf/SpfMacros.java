package dev.mailvault.mailauth.spf;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Expands the macros of a domain-spec (RFC 7208 §7): {@code %{s l o d i h v p}} with the digit and
 * {@code r} transformers and delimiters, {@code %%}, {@code %_} and {@code %-}. The letters {@code
 * c r t} belong to {@code exp=} only, which Mailvault does not evaluate.
 */
final class SpfMacros {

  private static final String DELIMITERS = ".-+,/_=";

  private final String sender;
  private final InetAddress client;
  private final String helo;

  SpfMacros(String sender, InetAddress client, String helo) {
    this.sender = sender;
    this.client = client;
    this.helo = helo;
  }

  /** {@code spec} with every macro replaced, for the check of {@code domain}. */
  String expand(String spec, String domain) throws SpfException {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < spec.length()) {
      char c = spec.charAt(i);
      if (c != '%') {
        // RFC 7208 §7.1: macro-literal is visible ASCII other than '%'.
        if (c < 0x21 || c > 0x7e) {
          throw SpfException.perm("invalid character in domain-spec");
        }
        out.append(c);
        i++;
        continue;
      }
      if (i + 1 >= spec.length()) {
        throw SpfException.perm("lone % in domain-spec");
      }
      char next = spec.charAt(i + 1);
      switch (next) {
        case '%' -> out.append('%');
        case '_' -> out.append(' ');
        case '-' -> out.append("%20");
        case '{' -> {
          int close = spec.indexOf('}', i + 2);
          if (close < 0) {
            throw SpfException.perm("unterminated macro");
          }
          out.append(expandOne(spec.substring(i + 2, close), domain));
          i = close + 1;
          continue;
        }
        default -> throw SpfException.perm("invalid macro");
      }
      i += 2;
    }
    return out.toString();
  }

  private String expandOne(String body, String domain) throws SpfException {
    if (body.isEmpty()) {
      throw SpfException.perm("empty macro");
    }
    char letter = body.charAt(0);
    String value = value(Character.toLowerCase(letter), domain);
    int at = 1;
    int digitsStart = at;
    while (at < body.length() && Character.isDigit(body.charAt(at))) {
      at++;
    }
    int keep = Integer.MAX_VALUE;
    if (at > digitsStart) {
      try {
        keep = Integer.parseInt(body.substring(digitsStart, at));
      } catch (NumberFormatException tooLong) {
        keep = Integer.MAX_VALUE;
      }
      // RFC 7208 §7.3: a DIGIT transformer, if given, must be nonzero.
      if (keep == 0) {
        throw SpfException.perm("zero macro transformer");
      }
    }
    boolean reverse = false;
    if (at < body.length() && Character.toLowerCase(body.charAt(at)) == 'r') {
      reverse = true;
      at++;
    }
    String delimiters = body.substring(at);
    for (char d : delimiters.toCharArray()) {
      if (DELIMITERS.indexOf(d) < 0) {
        throw SpfException.perm("invalid macro delimiter");
      }
    }
    String transformed = transform(value, keep, reverse, delimiters.isEmpty() ? "." : delimiters);
    // RFC 7208 §7.3: an upper-case letter asks for the value URL-escaped.
    return Character.isUpperCase(letter) ? escape(transformed) : transformed;
  }

  private String value(char letter, String domain) throws SpfException {
    return switch (letter) {
      case 's' -> sender;
      case 'l' -> sender.substring(0, sender.lastIndexOf('@'));
      case 'o' -> sender.substring(sender.lastIndexOf('@') + 1);
      case 'd' -> domain;
      case 'i' -> dotted(client);
      case 'h' -> helo;
      case 'v' -> client instanceof Inet4Address ? "in-addr" : "ip6";
      // RFC 7208 §7.3: "p" SHOULD NOT be used; "unknown" is what a checker without it says.
      case 'p' -> "unknown";
      case 'c', 'r', 't' -> throw SpfException.perm("%{" + letter + "} outside exp=");
      default -> throw SpfException.perm("unknown macro letter");
    };
  }

  private static String transform(String value, int keep, boolean reverse, String delimiters) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < value.length(); i++) {
      if (delimiters.indexOf(value.charAt(i)) >= 0) {
        parts.add(value.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(value.substring(start));
    if (reverse) {
      Collections.reverse(parts);
    }
    if (keep < parts.size()) {
      parts = parts.subList(parts.size() - keep, parts.size());
    }
    return String.join(".", parts);
  }

  /** RFC 7208 §7.3: IPv4 as dotted quad, IPv6 as dot-separated nibbles. */
  static String dotted(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (address instanceof Inet4Address) {
      return address.getHostAddress();
    }
    StringBuilder out = new StringBuilder();
    for (byte b : bytes) {
      out.append(Character.forDigit((b >> 4) & 0xf, 16))
          .append('.')
          .append(Character.forDigit(b & 0xf, 16))
          .append('.');
    }
    return out.substring(0, out.length() - 1);
  }

  private static String escape(String value) {
    // RFC 7208 §7.3 escapes per RFC 3986: everything but unreserved characters.
    return URLEncoder.encode(value, StandardCharsets.UTF_8)
        .replace("+", "%20")
        .replace("*", "%2A")
        .replace("%7E", "~");
  }

  /** RFC 7208 §7.3: an expansion longer than 253 octets loses labels on the left. */
  static String truncate(String domain) {
    String name = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
    List<String> labels = new ArrayList<>(Arrays.asList(name.split("\\.", -1)));
    while (String.join(".", labels).length() > 253 && labels.size() > 1) {
      labels.remove(0);
    }
    return String.join(".", labels);
  }
}
