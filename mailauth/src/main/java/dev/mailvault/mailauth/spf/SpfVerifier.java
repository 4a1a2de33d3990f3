package dev.mailvault.mailauth.spf;

import dev.mailvault.mailauth.dns.DnsAnswer;
import dev.mailvault.mailauth.dns.DnsClient;
import dev.mailvault.mailauth.dns.DnsTemporaryException;
import dev.mailvault.mailauth.spf.SpfRecord.Directive;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * SPF (RFC 7208): whether a client may send mail for the MAIL FROM domain (or, for an empty MAIL
 * FROM, the HELO domain, §2.4). Evaluates {@code check_host()} of §4 over a {@link DnsClient}, with
 * the limits of §4.6.4: ten look-ups that cause DNS queries, two void look-ups, ten MX and PTR
 * names. {@code exp=} is parsed but never fetched (§6.2: an explanation is for a rejecting server,
 * and Mailvault does not reject on SPF alone). Blocking: call it from a worker thread.
 */
public final class SpfVerifier {

  private static final int MAX_LOOKUPS = 10;
  private static final int MAX_VOID_LOOKUPS = 2;
  private static final int MAX_NAMES = 10;

  private final DnsClient dns;

  public SpfVerifier(DnsClient dns) {
    this.dns = dns;
  }

  /**
   * Checks {@code client} for the identity of {@code mailFrom}, or of {@code postmaster@heloDomain}
   * when {@code mailFrom} is empty (the null reverse-path of a bounce).
   */
  public SpfResult check(InetAddress client, String heloDomain, String mailFrom) {
    String sender = mailFrom == null || mailFrom.isEmpty() ? "postmaster@" + heloDomain : mailFrom;
    int at = sender.lastIndexOf('@');
    if (at < 0) {
      sender = "postmaster@" + sender;
      at = sender.lastIndexOf('@');
    } else if (at == 0) {
      // RFC 7208 §4.3: a sender with no local-part is postmaster at its domain.
      sender = "postmaster" + sender;
      at = sender.lastIndexOf('@');
    }
    String domain = sender.substring(at + 1).toLowerCase(Locale.ROOT);
    InetAddress ip = unmapped(client);
    Evaluation evaluation = new Evaluation(ip, new SpfMacros(sender, ip, heloDomain));
    try {
      SpfStatus status = evaluation.checkHost(domain);
      return new SpfResult(status, domain, evaluation.reason);
    } catch (SpfException e) {
      return new SpfResult(e.status(), domain, e.getMessage());
    }
  }

  /** RFC 7208 §5: an IPv4-mapped IPv6 client is checked as the IPv4 address it carries. */
  private static InetAddress unmapped(InetAddress client) {
    byte[] bytes = client.getAddress();
    if (client instanceof Inet6Address && isMapped(bytes)) {
      try {
        return InetAddress.getByAddress(java.util.Arrays.copyOfRange(bytes, 12, 16));
      } catch (UnknownHostException impossible) {
        throw new IllegalStateException(impossible);
      }
    }
    return client;
  }

  private static boolean isMapped(byte[] bytes) {
    for (int i = 0; i < 10; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
  }

  /** The state of one check: the look-up counts span every include and redirect (§4.6.4). */
  private final class Evaluation {

    private final InetAddress client;
    private final SpfMacros macros;
    private int lookups;
    private int voidLookups;
    private String reason = "no directive matched";

    Evaluation(InetAddress client, SpfMacros macros) {
      this.client = client;
      this.macros = macros;
    }

    /** RFC 7208 §4. */
    SpfStatus checkHost(String domain) throws SpfException {
      // §4.3: a malformed or single-label domain has no SPF record.
      if (!isValidDomain(domain)) {
        reason = "not a valid domain";
        return SpfStatus.NONE;
      }
      String text = spfRecord(domain);
      if (text == null) {
        reason = "no SPF record";
        return SpfStatus.NONE;
      }
      SpfRecord record = SpfRecord.parse(text);
      for (Directive directive : record.directives()) {
        if (matches(directive, domain)) {
          SpfStatus status = SpfStatus.forQualifier(directive.qualifier());
          reason = directive.mechanism().name().toLowerCase(Locale.ROOT) + " matched";
          return status;
        }
      }
      // §6.1: redirect= applies only when no mechanism matched (and "all" ends the record).
      if (record.redirect() != null) {
        countLookup();
        String target = SpfMacros.truncate(macros.expand(record.redirect(), domain));
        SpfStatus redirected = checkHost(target);
        if (redirected == SpfStatus.NONE) {
          throw SpfException.perm("redirect= to a domain without an SPF record");
        }
        return redirected;
      }
      reason = "no directive matched";
      return SpfStatus.NEUTRAL;
    }

    /** RFC 7208 §4.4, §4.5: the one TXT record starting "v=spf1", or null for none. */
    private String spfRecord(String domain) throws SpfException {
      DnsAnswer answer = query(domain, Type.TXT);
      List<String> found = new ArrayList<>();
      for (Record record : answer.records()) {
        // §3.3: the strings of one record are joined without spaces.
        String text = String.join("", ((TXTRecord) record).getStrings());
        if (SpfRecord.isSpf(text)) {
          found.add(text);
        }
      }
      if (found.size() > 1) {
        throw SpfException.perm("more than one SPF record");
      }
      return found.isEmpty() ? null : found.get(0);
    }

    private boolean matches(Directive directive, String domain) throws SpfException {
      return switch (directive.mechanism()) {
        case ALL -> true;
        case IP4, IP6 ->
            inNetwork(
                directive.network(),
                directive.mechanism() == SpfRecord.Mechanism.IP4
                    ? directive.cidr4()
                    : directive.cidr6());
        case INCLUDE -> include(target(directive, domain));
        case A -> {
          countLookup();
          yield matchesAnyAddress(target(directive, domain), directive);
        }
        case MX -> {
          countLookup();
          yield mx(target(directive, domain), directive);
        }
        case PTR -> {
          countLookup();
          yield ptr(target(directive, domain));
        }
        case EXISTS -> {
          countLookup();
          // §5.7: an A query whatever the client's address family.
          yield !voidCounted(query(target(directive, domain), Type.A)).isEmpty();
        }
      };
    }

    private String target(Directive directive, String domain) throws SpfException {
      if (directive.domainSpec() == null) {
        return domain;
      }
      return SpfMacros.truncate(macros.expand(directive.domainSpec(), domain));
    }

    /** RFC 7208 §5.2: the included check's result decides whether this mechanism matches. */
    private boolean include(String target) throws SpfException {
      countLookup();
      SpfStatus included = checkHost(target);
      return switch (included) {
        case PASS -> true;
        case FAIL, SOFTFAIL, NEUTRAL -> false;
        case TEMPERROR -> throw SpfException.temp("include: temporary DNS error");
        case PERMERROR, NONE -> throw SpfException.perm("include: " + included.token());
      };
    }

    private boolean matchesAnyAddress(String name, Directive directive) throws SpfException {
      for (InetAddress address : addresses(name, true)) {
        if (inNetwork(address, prefix(directive))) {
          return true;
        }
      }
      return false;
    }

    /** RFC 7208 §5.4: no more than ten MX names are looked up (more is a permerror). */
    private boolean mx(String name, Directive directive) throws SpfException {
      List<Record> exchanges = voidCounted(query(name, Type.MX)).records();
      if (exchanges.size() > MAX_NAMES) {
        throw SpfException.perm("more than ten MX names");
      }
      for (Record record : exchanges) {
        String exchange = ((MXRecord) record).getTarget().toString(true);
        for (InetAddress address : addresses(exchange, true)) {
          if (inNetwork(address, prefix(directive))) {
            return true;
          }
        }
      }
      return false;
    }

    /**
     * RFC 7208 §5.5 (use discouraged, kept for records that still have it): the client's PTR names
     * whose forward look-up returns the client, matched against {@code target} or its subdomains.
     * DNS errors here make the mechanism not match rather than fail the check.
     */
    private boolean ptr(String target) throws SpfException {
      List<Record> names;
      try {
        names =
            voidCounted(dns.query(ReverseMap.fromAddress(client).toString(), Type.PTR)).records();
      } catch (DnsTemporaryException e) {
        return false;
      }
      String suffix = target.toLowerCase(Locale.ROOT);
      for (Record record : names.subList(0, Math.min(MAX_NAMES, names.size()))) {
        String name = ((PTRRecord) record).getTarget().toString(true).toLowerCase(Locale.ROOT);
        if (!name.equals(suffix) && !name.endsWith("." + suffix)) {
          continue;
        }
        try {
          for (InetAddress address : addresses(name, false)) {
            if (address.equals(client)) {
              return true;
            }
          }
        } catch (SpfException e) {
          if (e.status() == SpfStatus.PERMERROR) {
            throw e;
          }
        }
      }
      return false;
    }

    /** The A (or, for an IPv6 client, AAAA) addresses of {@code name}. */
    private List<InetAddress> addresses(String name, boolean countVoid) throws SpfException {
      boolean v4 = client instanceof Inet4Address;
      DnsAnswer answer = query(name, v4 ? Type.A : Type.AAAA);
      if (countVoid) {
        voidCounted(answer);
      }
      List<InetAddress> addresses = new ArrayList<>();
      for (Record record : answer.records()) {
        addresses.add(v4 ? ((ARecord) record).getAddress() : ((AAAARecord) record).getAddress());
      }
      return addresses;
    }

    private int prefix(Directive directive) {
      return client instanceof Inet4Address ? directive.cidr4() : directive.cidr6();
    }

    private boolean inNetwork(InetAddress network, int prefix) {
      byte[] a = network.getAddress();
      byte[] b = client.getAddress();
      if (a.length != b.length) {
        return false;
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (a[i] != b[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (a[full] & mask) == (b[full] & mask);
    }

    private DnsAnswer query(String name, int type) throws SpfException {
      try {
        return dns.query(name, type);
      } catch (DnsTemporaryException e) {
        // §4.4: a DNS error other than NXDOMAIN is a temperror.
        throw SpfException.temp("DNS " + Type.string(type) + " query failed");
      }
    }

    /** §4.6.4: more than two answers with no records (or NXDOMAIN) is a permerror. */
    private DnsAnswer voidCounted(DnsAnswer answer) throws SpfException {
      if (answer.isEmpty() && ++voidLookups > MAX_VOID_LOOKUPS) {
        throw SpfException.perm("more than two void DNS look-ups");
      }
      return answer;
    }

    private void countLookup() throws SpfException {
      if (++lookups > MAX_LOOKUPS) {
        throw SpfException.perm("more than ten DNS look-ups");
      }
    }
  }

  /** RFC 7208 §4.3: labels of 1 to 63 octets, at least two of them, 253 octets in all. */
  static boolean isValidDomain(String domain) {
    String name = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
    if (name.isEmpty() || name.length() > 253) {
      return false;
    }
    String[] labels = name.split("\\.", -1);
    if (labels.length < 2) {
      return false;
    }
    for (String label : labels) {
      if (label.isEmpty() || label.length() > 63) {
        return false;
      }
    }
    return true;
  }
}
