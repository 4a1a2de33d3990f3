package dev.mailvault.server.dns;

import dev.mailvault.mailauth.dns.DnsAnswer;
import dev.mailvault.mailauth.dns.DnsClient;
import dev.mailvault.mailauth.dns.DnsTemporaryException;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;

/** Asks DNS for each required record and judges what it holds ({@code domain dns --check}). */
public final class RecordCheck {

  private final DnsClient dns;

  public RecordCheck(DnsClient dns) {
    this.dns = dns;
  }

  public Verdict check(RequiredRecord required) {
    DnsAnswer answer;
    try {
      answer = dns.query(required.name(), required.type());
    } catch (DnsTemporaryException e) {
      return Verdict.unknown(e.getMessage());
    }
    List<String> found = new ArrayList<>();
    for (Record record : answer.records()) {
      found.add(data(record));
    }
    return required.judge().apply(found);
  }

  /** As {@link RequiredRecord#data()} writes it: TXT strings joined (RFC 7208 §3.3). */
  private static String data(Record record) {
    if (record instanceof TXTRecord txt) {
      return String.join("", txt.getStrings());
    }
    return record.rdataToString();
  }
}
