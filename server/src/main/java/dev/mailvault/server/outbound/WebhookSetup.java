package dev.mailvault.server.outbound;

import dev.mailvault.directory.Directory;
import dev.mailvault.outbound.Transmitter;
import dev.mailvault.outbound.webhook.WebhookSettings;
import dev.mailvault.outbound.webhook.WebhookTransmitter;
import dev.mailvault.server.config.ConfigException;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.config.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the node's webhook transmitter (ADR 0245) from its settings: the receivers' certificates
 * are checked against the system's authorities, or those of {@code webhook.ca-file}, and private
 * addresses are refused unless {@code webhook.allow-private-addresses} says otherwise.
 */
public final class WebhookSetup {

  private WebhookSetup() {}

  public static Transmitter transmitter(Settings settings, Directory directory)
      throws ConfigException {
    WebhookSettings defaults = WebhookSettings.defaults();
    WebhookSettings webhook =
        new WebhookSettings(
            defaults.connectTimeout(),
            defaults.requestTimeout(),
            defaults.maxPayloadBytes(),
            settings.bool(Setting.WEBHOOK_ALLOW_PRIVATE_ADDRESSES),
            false);
    DirectoryWebhooks endpoints = new DirectoryWebhooks(directory);
    return new WebhookTransmitter(
        endpoints,
        endpoints,
        webhook,
        tls(settings.get(Setting.WEBHOOK_CA_FILE)),
        Clock.systemUTC());
  }

  private static SSLContext tls(String caFile) throws ConfigException {
    try {
      if (caFile.isBlank()) {
        return SSLContext.getDefault();
      }
      Collection<? extends Certificate> authorities;
      try (InputStream in = Files.newInputStream(Path.of(caFile))) {
        authorities = CertificateFactory.getInstance("X.509").generateCertificates(in);
      }
      if (authorities.isEmpty()) {
        throw new ConfigException(
            Setting.WEBHOOK_CA_FILE.key() + " " + caFile + " holds no PEM certificate");
      }
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      int n = 0;
      for (Certificate authority : authorities) {
        trusted.setCertificateEntry("ca-" + n++, authority);
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigException(
          "cannot read " + Setting.WEBHOOK_CA_FILE.key() + " " + caFile + ": " + e.getMessage());
    }
  }
}
