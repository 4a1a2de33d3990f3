package dev.mailvault.server.outbound;

import dev.mailvault.outbound.Transmitter;
import dev.mailvault.outbound.delivery.DeliverySettings;
import dev.mailvault.outbound.delivery.SmtpTransmitter;
import dev.mailvault.server.SmtpListeners;
import dev.mailvault.server.config.ConfigException;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.config.Settings;
import dev.mailvault.server.dns.DnsResolvers;
import java.security.GeneralSecurityException;
import java.time.Clock;

/**
 * The node's network delivery (ADR 0208): the SMTP client on the resolvers of {@code
 * dns.resolvers}, to {@code outbound.smtp-port} at every MX.
 */
public final class NetworkDelivery {

  private NetworkDelivery() {}

  public static Transmitter fromSettings(Settings settings) throws ConfigException {
    DeliverySettings defaults = DeliverySettings.defaults(SmtpListeners.hostname(settings));
    DeliverySettings delivery =
        new DeliverySettings(
            defaults.heloName(),
            settings.port(Setting.OUTBOUND_SMTP_PORT),
            defaults.httpsPort(),
            (int) Math.min(settings.positiveLong(Setting.OUTBOUND_CONNECTIONS_PER_DOMAIN), 1024),
            defaults.slotWait(),
            defaults.timeouts(),
            defaults.connectionIdle(),
            defaults.trustStore());
    try {
      return new SmtpTransmitter(DnsResolvers.client(settings), delivery, Clock.systemUTC());
    } catch (GeneralSecurityException e) {
      throw new ConfigException("cannot set up TLS for outbound delivery: " + e.getMessage());
    }
  }
}
