package dev.mailvault.server.web.autoconfig;

import dev.mailvault.server.dns.MailHost;
import java.util.List;
import java.util.Locale;

/**
 * What a mail client needs to reach this node, in one place for every autoconfiguration format (ADR
 * 0269): the host name and the client ports the RFC 6186 SRV records also announce, taken from
 * {@link MailHost}. Implicit TLS comes before STARTTLS in every list (RFC 8314 §5.1).
 *
 * @param hostname the name clients connect to (the certificate's name)
 * @param endpoints every client service, implicit TLS first within a protocol
 */
public record ClientSettings(String hostname, List<Endpoint> endpoints) {

  /** The protocols a client account uses. */
  public enum Protocol {
    IMAP,
    POP3,
    SMTP
  }

  /** How a connection is secured: TLS from the first byte, or upgraded by STARTTLS/STLS. */
  public enum Security {
    TLS,
    STARTTLS
  }

  /** One port of one protocol. */
  public record Endpoint(Protocol protocol, Security security, int port) {}

  public ClientSettings {
    endpoints = List.copyOf(endpoints);
  }

  /** The node's client services, from the same values {@code domain dns} publishes. */
  public static ClientSettings of(MailHost host) {
    MailHost.Ports p = host.ports();
    return new ClientSettings(
        host.hostname().toLowerCase(Locale.ROOT),
        List.of(
            new Endpoint(Protocol.IMAP, Security.TLS, p.imaps()),
            new Endpoint(Protocol.IMAP, Security.STARTTLS, p.imap()),
            new Endpoint(Protocol.POP3, Security.TLS, p.pop3s()),
            new Endpoint(Protocol.POP3, Security.STARTTLS, p.pop3()),
            new Endpoint(Protocol.SMTP, Security.TLS, p.submissions()),
            new Endpoint(Protocol.SMTP, Security.STARTTLS, p.submission())));
  }

  /** The endpoints of one protocol, implicit TLS first. */
  public List<Endpoint> of(Protocol protocol) {
    return endpoints.stream().filter(e -> e.protocol() == protocol).toList();
  }

  /** The preferred endpoint of a protocol: implicit TLS (RFC 8314 §5.1). */
  public Endpoint preferred(Protocol protocol) {
    return of(protocol).get(0);
  }
}
