package dev.mailvault.mailauth.dns;

import java.util.List;
import org.xbill.DNS.Record;

/**
 * What DNS said about one name and type.
 *
 * @param records the records of the type asked for (CNAMEs followed by the resolver left out)
 * @param authenticated the resolver set the AD bit: it validated the answer with DNSSEC (only
 *     meaningful when the resolver is trusted, e.g. on loopback; RFC 6698 §4, RFC 7672 §2.1)
 * @param nxdomain the name does not exist at all (RFC 7505 and RFC 7208 §4.3 care)
 */
public record DnsAnswer(List<Record> records, boolean authenticated, boolean nxdomain) {

  public DnsAnswer {
    records = List.copyOf(records);
  }

  public boolean isEmpty() {
    return records.isEmpty();
  }
}
