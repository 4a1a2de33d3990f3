package dev.mailvault.server;

import dev.mailvault.mailauth.dkim.DkimVerifier;
import dev.mailvault.mailauth.dmarc.DmarcVerifier;
import dev.mailvault.mailauth.dmarc.OrganizationalDomain;
import dev.mailvault.mailauth.dns.DnsClient;
import dev.mailvault.mailauth.spf.SpfVerifier;
import dev.mailvault.server.config.ConfigException;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.config.Settings;
import dev.mailvault.smtp.session.InboundAuthentication;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/** The DNS client and the MX's arrival checks, from the settings (ADR 0206). */
final class InboundAuthentications {

  private InboundAuthentications() {}

  /** The resolvers of {@code dns.resolvers}, or the system's when it is empty. */
  static DnsClient dnsClient(Settings settings) throws ConfigException {
    String raw = settings.get(Setting.DNS_RESOLVERS);
    List<String> servers =
        raw == null || raw.isBlank()
            ? List.of()
            : Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    try {
      return DnsClient.of(servers);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(settings.origin(Setting.DNS_RESOLVERS) + ": " + e.getMessage());
    }
  }

  /** SPF, DKIM and DMARC over {@code dns}, with the DMARC actions the settings ask for. */
  static InboundAuthentication of(Settings settings, DnsClient dns) throws ConfigException {
    return new InboundAuthentication(
        new SpfVerifier(dns),
        new DkimVerifier(dns, Clock.systemUTC()),
        new DmarcVerifier(dns, new OrganizationalDomain(OrganizationalDomain.DEBIAN_LIST)),
        settings.bool(Setting.SMTP_DMARC_REJECT),
        settings.bool(Setting.SMTP_DMARC_QUARANTINE));
  }
}
