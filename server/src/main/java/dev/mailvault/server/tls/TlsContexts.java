package dev.mailvault.server.tls;

import dev.mailvault.server.DataLayout;
import dev.mailvault.server.config.ConfigException;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.config.Settings;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place listeners get TLS from. The server wiring calls {@link #forServer} once at startup
 * and hands the same {@link SslContext} to every listener (IMAP, later POP3 and SMTP), which only
 * calls {@code newHandler(alloc)} on it, for implicit TLS and for STARTTLS alike.
 */
public final class TlsContexts {

  private static final Logger LOG = LoggerFactory.getLogger(TlsContexts.class);

  private TlsContexts() {}

  /**
   * The server context from {@code MAILVAULT_TLS_CERT} and {@code MAILVAULT_TLS_KEY} when both are
   * set, otherwise from the self-signed certificate under {@code <data>/tls/} (generated when
   * missing or expired).
   *
   * @throws ConfigException one readable line: a file that cannot be read, is not PEM, or a key
   *     that is not the certificate's
   */
  public static SslContext forServer(DataLayout layout, Settings settings) throws ConfigException {
    return forServer(layout, settings, Clock.systemUTC(), ServerSslContexts.preferredProvider());
  }

  static SslContext forServer(
      DataLayout layout, Settings settings, Clock clock, SslProvider provider)
      throws ConfigException {
    TlsMaterial material = material(layout, settings, clock);
    SslContext context = ServerSslContexts.build(material, provider);
    LOG.info(
        "TLS: certificate {} valid until {}, TLS 1.2 and 1.3 on {}",
        material.leaf().getSubjectX500Principal().getName(),
        material.leaf().getNotAfter().toInstant(),
        provider == SslProvider.OPENSSL ? "OpenSSL (BoringSSL)" : "the JDK");
    return context;
  }

  /** The configured pair, checked, or the self-signed one. */
  static TlsMaterial material(DataLayout layout, Settings settings, Clock clock)
      throws ConfigException {
    Path cert = path(settings, Setting.TLS_CERT);
    Path key = path(settings, Setting.TLS_KEY);
    if (cert == null && key == null) {
      return new SelfSignedCertificateStore(layout.tls(), clock).loadOrCreate();
    }
    if (cert == null || key == null) {
      throw new ConfigException(
          Setting.TLS_CERT.env() + " and " + Setting.TLS_KEY.env() + " must be set together");
    }
    TlsMaterial material =
        new TlsMaterial(
            PemFiles.readChain(cert, Setting.TLS_CERT.env() + " file " + cert),
            PemFiles.readKey(key, Setting.TLS_KEY.env() + " file " + key));
    if (!material.keyMatchesLeaf()) {
      throw new ConfigException(
          Setting.TLS_KEY.env()
              + " file "
              + key
              + " is not the key of the first certificate in "
              + cert);
    }
    Instant now = clock.instant();
    if (!material.validAt(now)) {
      // The operator's certificate is the operator's call; clients will say so loudly enough.
      LOG.warn(
          "TLS: the certificate in {} is not valid now (valid from {} until {})",
          cert,
          material.leaf().getNotBefore().toInstant(),
          material.leaf().getNotAfter().toInstant());
    }
    return material;
  }

  private static Path path(Settings settings, Setting setting) {
    String raw = settings.get(setting);
    return raw == null || raw.isBlank() ? null : Path.of(raw.trim());
  }
}
