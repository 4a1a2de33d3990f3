package dev.mailvault.mailauth.dmarc;

import dev.mailvault.mailauth.dkim.DkimResult;
import dev.mailvault.mailauth.dkim.DkimStatus;
import dev.mailvault.mailauth.dns.DnsClient;
import dev.mailvault.mailauth.dns.DnsTemporaryException;
import dev.mailvault.mailauth.spf.SpfResult;
import dev.mailvault.mailauth.spf.SpfStatus;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * DMARC (RFC 7489): whether the RFC5322.From domain is aligned with an SPF-passing MAIL FROM domain
 * or a DKIM-passing {@code d=}, and what its owner asks done when it is not.
 *
 * <p>A message without exactly one From address is handled as RFC 7489 §6.6.1 allows: no From, or
 * an address without a domain, is a permerror with no policy; several addresses in one domain are
 * that domain; several domains are each evaluated and the strictest failing disposition is returned
 * (as authheaders does). Blocking: call it from a worker thread.
 */
public final class DmarcVerifier {

  private final DnsClient dns;
  private final OrganizationalDomain organizational;

  public DmarcVerifier(DnsClient dns, OrganizationalDomain organizational) {
    this.dns = dns;
    this.organizational = organizational;
  }

  /** Evaluates the message's From domain(s) against the SPF and DKIM results already had. */
  public DmarcResult check(byte[] message, SpfResult spf, List<DkimResult> dkim) {
    List<String> domains = FromDomains.of(message);
    if (domains.isEmpty() || domains.contains("")) {
      return new DmarcResult(DmarcStatus.PERMERROR, "", DmarcPolicy.NONE, "no usable From domain");
    }
    Set<String> distinct = new LinkedHashSet<>(domains);
    DmarcResult chosen = null;
    for (String domain : distinct) {
      DmarcResult result = check(domain, spf, dkim);
      if (chosen == null || result.disposition().compareTo(chosen.disposition()) > 0) {
        chosen = result;
      }
    }
    return chosen;
  }

  /** Evaluates one RFC5322.From domain (RFC 7489 §6.6.2, §6.6.3). */
  public DmarcResult check(String fromDomain, SpfResult spf, List<DkimResult> dkim) {
    String from = fromDomain.toLowerCase(java.util.Locale.ROOT);
    String org = organizational.of(from);
    DmarcRecord record;
    boolean atOrganization = false;
    try {
      record = recordAt(from);
      if (record == null && !org.equals(from)) {
        record = recordAt(org);
        atOrganization = true;
      }
    } catch (DnsTemporaryException e) {
      return new DmarcResult(DmarcStatus.TEMPERROR, from, DmarcPolicy.NONE, "DNS failed");
    }
    if (record == null) {
      return new DmarcResult(DmarcStatus.NONE, from, DmarcPolicy.NONE, "no DMARC record");
    }
    // RFC 7489 §6.3: sp applies to subdomains whose policy came from the organizational domain.
    DmarcPolicy policy = atOrganization ? record.subdomainPolicy() : record.policy();
    if (spf.status() == SpfStatus.PASS && aligned(spf.domain(), from, record.strictSpf())) {
      return new DmarcResult(DmarcStatus.PASS, from, policy, "SPF aligned");
    }
    for (DkimResult signature : dkim) {
      if (signature.status() == DkimStatus.PASS
          && aligned(signature.domain(), from, record.strictDkim())) {
        return new DmarcResult(DmarcStatus.PASS, from, policy, "DKIM aligned");
      }
    }
    return new DmarcResult(DmarcStatus.FAIL, from, policy, "no aligned SPF or DKIM pass");
  }

  /** RFC 7489 §3.1: strict means the same name, relaxed the same organizational domain. */
  private boolean aligned(String authenticated, String from, boolean strict) {
    if (authenticated == null || authenticated.isEmpty()) {
      return false;
    }
    if (strict) {
      return authenticated.equalsIgnoreCase(from);
    }
    return organizational.of(authenticated).equals(organizational.of(from));
  }

  /** The one DMARC record at {@code _dmarc.domain}; none, or several, is null (§6.6.3 step 5). */
  private DmarcRecord recordAt(String domain) throws DnsTemporaryException {
    List<String> found = new ArrayList<>();
    for (Record record : dns.query("_dmarc." + domain, Type.TXT).records()) {
      String text = String.join("", ((TXTRecord) record).getStrings());
      if (DmarcRecord.isDmarc(text)) {
        found.add(text);
      }
    }
    return found.size() == 1 ? DmarcRecord.parse(found.get(0)) : null;
  }
}
