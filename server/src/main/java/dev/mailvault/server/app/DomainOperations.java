package dev.mailvault.server.app;

import dev.mailvault.core.address.DomainName;
import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.DomainInfo;
import dev.mailvault.directory.UnknownDomainException;
import dev.mailvault.mailauth.dns.DnsClient;
import dev.mailvault.server.admin.AliasLifecycle;
import dev.mailvault.server.admin.AliasLifecycle.RemovalReport;
import dev.mailvault.server.dkim.DomainDkim;
import dev.mailvault.server.dns.DomainRecords;
import dev.mailvault.server.dns.MailHost;
import dev.mailvault.server.dns.RecordCheck;
import dev.mailvault.server.dns.RequiredRecord;
import dev.mailvault.server.dns.Verdict;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Domains: add (with DKIM keys), list, remove, and the DNS records each needs with a live check of
 * what is published ({@code domain add|list|remove|dns}, {@code /api/v1/domains}).
 */
public final class DomainOperations {

  private final Directory directory;
  private final AliasLifecycle aliases;
  private final Lazy<DomainDkim> dkim;
  private final Lazy<MailHost> host;
  private final Lazy<DnsClient> dns;
  private final Clock clock;

  /**
   * @param dkim the domains' DKIM keys (needs the node's outbound secret; only add uses it)
   * @param host what the records point at (this node's name, address and ports)
   * @param dns the resolver the live check asks
   */
  public DomainOperations(
      Directory directory,
      AliasLifecycle aliases,
      Lazy<DomainDkim> dkim,
      Lazy<MailHost> host,
      Lazy<DnsClient> dns,
      Clock clock) {
    this.directory = directory;
    this.aliases = aliases;
    this.dkim = dkim;
    this.host = host;
    this.dns = dns;
    this.clock = clock;
  }

  /** Adds a domain with fresh DKIM keys (Ed25519 and RSA-2048). */
  public DomainInfo add(DomainName name) throws MailvaultException {
    return dkim.get().addDomain(name);
  }

  /** Every domain with its alias count and usage. */
  public List<DomainInfo> list() {
    return directory.listDomains();
  }

  /** One domain. */
  public DomainInfo get(DomainName name) throws UnknownDomainException {
    return directory.listDomains().stream()
        .filter(d -> d.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new UnknownDomainException("no such domain"));
  }

  /**
   * Removes a domain; with {@code force}, its aliases with their vaults and spools too.
   *
   * @return what was removed of each alias (empty without force)
   */
  public List<RemovalReport> remove(DomainName name, boolean force) throws MailvaultException {
    return aliases.removeDomain(name, force);
  }

  /** The records the domain needs (MX, SPF, DKIM, DMARC, MTA-STS, TLS-RPT, SRV). */
  public DomainRecords records(DomainName name) throws MailvaultException {
    return DomainRecords.of(
        name, host.get(), DomainDkim.published(directory.dkimKeys(name), clock.instant()));
  }

  /** Looks each record up: ok, missing, wrong (with what was found) or unknown. */
  public List<CheckedRecord> check(DomainRecords records) throws MailvaultException {
    RecordCheck checker = new RecordCheck(dns.get());
    List<CheckedRecord> checked = new ArrayList<>();
    for (RequiredRecord r : records.records()) {
      checked.add(new CheckedRecord(r, checker.check(r)));
    }
    return checked;
  }

  /** A required record and what the live look-up found. */
  public record CheckedRecord(RequiredRecord record, Verdict verdict) {
    public boolean ok() {
      return verdict.kind() == Verdict.Kind.OK;
    }
  }
}
