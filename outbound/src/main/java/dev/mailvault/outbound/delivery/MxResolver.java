package dev.mailvault.outbound.delivery;

import dev.mailvault.mailauth.dns.DnsAnswer;
import dev.mailvault.mailauth.dns.DnsClient;
import dev.mailvault.mailauth.dns.DnsTemporaryException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The hosts that receive mail for a domain, in the order to try them (RFC 5321 §5.1): the MX hosts
 * by preference, equal preferences in random order, each with its IPv4 and IPv6 addresses; the
 * domain itself when it has no MX (the implicit MX); nothing at all for a null MX (RFC 7505).
 */
final class MxResolver {

  private final DnsClient dns;
  private final RandomGenerator random;

  MxResolver(DnsClient dns, RandomGenerator random) {
    this.dns = dns;
    this.random = random;
  }

  /**
   * The hosts to try, at least one.
   *
   * @throws DeliveryFailure permanent for a domain that does not exist or takes no mail, temporary
   *     when DNS could not say or no host has an address
   */
  List<MxHost> resolve(String domain) throws DeliveryFailure {
    try {
      DnsAnswer mx = dns.query(domain, Type.MX);
      if (mx.nxdomain()) {
        throw DeliveryFailure.permanent("5.1.2", "DNS: the destination domain does not exist");
      }
      if (mx.isEmpty()) {
        // RFC 5321 §5.1: no MX, so the domain's own address records are the implicit MX.
        List<InetAddress> addresses = addresses(domain);
        if (addresses.isEmpty()) {
          throw DeliveryFailure.permanent(
              "5.1.2", "DNS: the destination domain has no MX or address");
        }
        return List.of(new MxHost(domain, addresses, mx.authenticated()));
      }
      List<MXRecord> records = mx.records().stream().map(MXRecord.class::cast).toList();
      if (records.stream().anyMatch(r -> r.getTarget().equals(Name.root))) {
        // RFC 7505 §3: a null MX says the domain accepts no mail (and is alone when valid).
        throw DeliveryFailure.permanent(
            "5.1.10", "DNS: the destination domain accepts no mail (null MX)");
      }
      List<MxHost> hosts = new ArrayList<>();
      for (List<MXRecord> equal : byPreference(records).values()) {
        // RFC 5321 §5.1: hosts of equal preference are tried in random order, spreading load.
        List<MXRecord> shuffled = new ArrayList<>(equal);
        Collections.shuffle(shuffled, new Random(random.nextLong()));
        for (MXRecord record : shuffled) {
          String name = hostName(record.getTarget());
          List<InetAddress> addresses = addresses(name);
          if (!addresses.isEmpty()) {
            hosts.add(new MxHost(name, addresses, mx.authenticated()));
          }
        }
      }
      if (hosts.isEmpty()) {
        throw DeliveryFailure.temporary(
            "4.4.3", "DNS: no MX host of the destination has an address");
      }
      return List.copyOf(hosts);
    } catch (DnsTemporaryException e) {
      throw DeliveryFailure.temporary("4.4.3", "DNS: " + e.getMessage());
    }
  }

  private static Map<Integer, List<MXRecord>> byPreference(List<MXRecord> records) {
    Map<Integer, List<MXRecord>> groups = new TreeMap<>(Comparator.naturalOrder());
    for (MXRecord record : records) {
      groups.computeIfAbsent(record.getPriority(), p -> new ArrayList<>()).add(record);
    }
    return groups;
  }

  /** IPv4 first, then IPv6: both are tried (issue 13). */
  private List<InetAddress> addresses(String host) throws DnsTemporaryException {
    List<InetAddress> addresses = new ArrayList<>();
    for (Record record : dns.query(host, Type.A).records()) {
      addresses.add(((ARecord) record).getAddress());
    }
    for (Record record : dns.query(host, Type.AAAA).records()) {
      addresses.add(((AAAARecord) record).getAddress());
    }
    return addresses;
  }

  private static String hostName(Name name) {
    String text = name.toString(true);
    return text.toLowerCase(Locale.ROOT);
  }
}
