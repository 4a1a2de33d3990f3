package dev.mailvault.server.dns;

import dev.mailvault.server.SmtpListeners;
import dev.mailvault.server.config.ConfigException;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.config.Settings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * What the records of a domain point at: this node's name, its public address when the settings
 * name one, its client ports, and whether its certificate is one others can validate.
 *
 * @param hostname {@code smtp.hostname}, else the machine's name
 * @param address the {@code bind} address when it is one a sender could be seen from (not the
 *     wildcard, loopback, link-local or private); then SPF names it
 * @param trustedCertificate a certificate is configured ({@code tls.cert}), rather than the
 *     self-signed one, so MTA-STS may be enforced
 */
public record MailHost(
    String hostname, Optional<InetAddress> address, Ports ports, boolean trustedCertificate) {

  /**
   * The client ports that RFC 6186 SRV records announce.
   *
   * @param submission STARTTLS submission (RFC 6409)
   * @param submissions implicit-TLS submission (RFC 8314)
   */
  public record Ports(int submission, int submissions, int imap, int imaps, int pop3, int pop3s) {}

  /** From the settings. */
  public static MailHost from(Settings settings) throws ConfigException {
    Ports ports =
        new Ports(
            portOrStandard(settings, "submission.port", 587),
            portOrStandard(settings, "submissions.port", 465),
            settings.port(Setting.IMAP_PORT),
            settings.port(Setting.IMAPS_PORT),
            settings.port(Setting.POP3_PORT),
            settings.port(Setting.POP3S_PORT));
    String cert = settings.get(Setting.TLS_CERT);
    return new MailHost(
        SmtpListeners.hostname(settings),
        publicAddress(settings.get(Setting.BIND)),
        ports,
        cert != null && !cert.isBlank());
  }

  /**
   * The submission settings arrive with submission itself; until a node has them, the ports RFC
   * 8314 §7.3 assigns.
   */
  private static int portOrStandard(Settings settings, String key, int standard)
      throws ConfigException {
    Optional<Setting> setting = Setting.byKey(key);
    return setting.isPresent() ? settings.port(setting.get()) : standard;
  }

  private static Optional<InetAddress> publicAddress(String bind) {
    if (bind == null
        || bind.isBlank()
        || !bind.trim().matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
      return Optional.empty();
    }
    try {
      InetAddress address = InetAddress.getByName(bind.trim());
      boolean local =
          address.isAnyLocalAddress()
              || address.isLoopbackAddress()
              || address.isLinkLocalAddress()
              || address.isSiteLocalAddress();
      return local ? Optional.empty() : Optional.of(address);
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
