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

/** The DNS client and the MX's arrival checks, from the settings (ADR 0206). */
final class InboundAuthentications {

  private InboundAuthentications() {}

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
