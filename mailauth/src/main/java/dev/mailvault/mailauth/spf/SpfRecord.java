package dev.mailvault.mailauth.spf;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SPF record parsed into its directives and the {@code redirect=} modifier (RFC 7208 §4.6, §12
 * grammar). A syntax error anywhere makes the whole record a permerror (§4.6), found before any
 * mechanism is evaluated.
 *
 * @param directives the mechanisms in order, each with its qualifier
 * @param redirect the {@code redirect=} domain-spec, or null
 */
record SpfRecord(List<Directive> directives, String redirect) {

  /** The mechanisms of RFC 7208 §5. */
  enum Mechanism {
    ALL,
    INCLUDE,
    A,
    MX,
    PTR,
    IP4,
    IP6,
    EXISTS
  }

  /**
   * One directive.
   *
   * @param qualifier {@code + - ~ ?}
   * @param mechanism which mechanism
   * @param domainSpec the target's domain-spec (macros unexpanded), or null for the current domain
   * @param network the address of ip4/ip6, else null
   * @param cidr4 the IPv4 prefix length (32 when absent)
   * @param cidr6 the IPv6 prefix length (128 when absent)
   */
  record Directive(
      char qualifier,
      Mechanism mechanism,
      String domainSpec,
      InetAddress network,
      int cidr4,
      int cidr6) {}

  private static final Pattern VERSION = Pattern.compile("(?i)v=spf1(?: .*)?");
  private static final Pattern MODIFIER_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9._-]*");
  // RFC 7208 §5.6: dual-cidr-length, with no leading zeros.
  private static final Pattern DUAL_CIDR =
      Pattern.compile("(?:/(0|[1-9][0-9]{0,1}))?(?://(0|[1-9][0-9]{0,2}))?$");
  private static final Pattern IP4 =
      Pattern.compile(
          "((?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(?:\\.(?:25[0-5]|2[0-4][0-9]"
              + "|1[0-9][0-9]|[1-9]?[0-9])){3})(?:/(0|[1-9][0-9]?))?");
  private static final Pattern IP6 =
      Pattern.compile("([0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)(?:/(0|[1-9][0-9]{0,2}))?");

  /** Whether a TXT string is an SPF record at all (RFC 7208 §4.5). */
  static boolean isSpf(String text) {
    return VERSION.matcher(text).matches();
  }

  /** Parses a record that {@link #isSpf} accepted. */
  static SpfRecord parse(String text) throws SpfException {
    List<Directive> directives = new ArrayList<>();
    String redirect = null;
    boolean exp = false;
    String[] terms = text.substring("v=spf1".length()).trim().split(" +");
    for (String term : terms) {
      if (term.isEmpty()) {
        continue;
      }
      int equals = term.indexOf('=');
      int colon = term.indexOf(':');
      int slash = term.indexOf('/');
      boolean modifier =
          equals > 0 && (colon < 0 || equals < colon) && (slash < 0 || equals < slash);
      if (modifier) {
        String name = term.substring(0, equals);
        if (!MODIFIER_NAME.matcher(name).matches()) {
          throw SpfException.perm("invalid modifier");
        }
        String value = term.substring(equals + 1);
        // RFC 7208 §6: redirect and exp each at most once.
        if (name.equalsIgnoreCase("redirect")) {
          if (redirect != null || value.isEmpty()) {
            throw SpfException.perm("invalid redirect=");
          }
          redirect = value;
        } else if (name.equalsIgnoreCase("exp")) {
          if (exp) {
            throw SpfException.perm("two exp=");
          }
          exp = true;
        }
        continue;
      }
      directives.add(directive(term));
    }
    return new SpfRecord(List.copyOf(directives), redirect);
  }

  private static Directive directive(String term) throws SpfException {
    char qualifier = '+';
    String rest = term;
    if ("+-~?".indexOf(term.charAt(0)) >= 0) {
      qualifier = term.charAt(0);
      rest = term.substring(1);
    }
    int end = 0;
    while (end < rest.length() && Character.isLetterOrDigit(rest.charAt(end))) {
      end++;
    }
    String name = rest.substring(0, end).toLowerCase(Locale.ROOT);
    String argument = rest.substring(end);
    Mechanism mechanism;
    try {
      mechanism = Mechanism.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      throw SpfException.perm("unknown mechanism");
    }
    return switch (mechanism) {
      case ALL -> {
        if (!argument.isEmpty()) {
          throw SpfException.perm("all takes no argument");
        }
        yield new Directive(qualifier, mechanism, null, null, 32, 128);
      }
      case INCLUDE, EXISTS ->
          new Directive(qualifier, mechanism, required(argument), null, 32, 128);
      case PTR -> new Directive(qualifier, mechanism, optional(argument), null, 32, 128);
      case A, MX -> withCidr(qualifier, mechanism, argument);
      case IP4 -> ip(qualifier, mechanism, argument, IP4, 32);
      case IP6 -> ip(qualifier, mechanism, argument, IP6, 128);
    };
  }

  private static String required(String argument) throws SpfException {
    if (!argument.startsWith(":") || argument.length() == 1) {
      throw SpfException.perm("mechanism needs a domain");
    }
    return argument.substring(1);
  }

  private static String optional(String argument) throws SpfException {
    return argument.isEmpty() ? null : required(argument);
  }

  private static Directive withCidr(char qualifier, Mechanism mechanism, String argument)
      throws SpfException {
    Matcher cidr = DUAL_CIDR.matcher(argument);
    cidr.find();
    int cidr4 = cidr.group(1) == null ? 32 : Integer.parseInt(cidr.group(1));
    int cidr6 = cidr.group(2) == null ? 128 : Integer.parseInt(cidr.group(2));
    if (cidr4 > 32 || cidr6 > 128) {
      throw SpfException.perm("invalid prefix length");
    }
    String spec = optional(argument.substring(0, cidr.start()));
    if (spec == null && cidr.start() != 0) {
      throw SpfException.perm("invalid mechanism argument");
    }
    return new Directive(qualifier, mechanism, spec, null, cidr4, cidr6);
  }

  private static Directive ip(
      char qualifier, Mechanism mechanism, String argument, Pattern syntax, int full)
      throws SpfException {
    Matcher m = syntax.matcher(argument.startsWith(":") ? argument.substring(1) : "");
    if (!argument.startsWith(":") || !m.matches()) {
      throw SpfException.perm("invalid " + mechanism.name().toLowerCase(Locale.ROOT));
    }
    int prefix = m.group(2) == null ? full : Integer.parseInt(m.group(2));
    InetAddress network;
    try {
      // Literals only: getByName does no DNS look-up for an address literal.
      network = InetAddress.getByName(m.group(1));
    } catch (UnknownHostException e) {
      throw SpfException.perm("invalid address");
    }
    boolean rightFamily =
        full == 32 ? network instanceof Inet4Address : network instanceof Inet6Address;
    if (prefix > full || !rightFamily) {
      throw SpfException.perm("invalid network");
    }
    return new Directive(
        qualifier, mechanism, null, network, full == 32 ? prefix : 32, full == 128 ? prefix : 128);
  }
}
