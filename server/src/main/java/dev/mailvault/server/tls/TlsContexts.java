package dev.mailvault.server.tls;

import dev.mailvault.server.DataLayout;
import dev.mailvault.server.config.ConfigException;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.config.Settings;
import io.netty.handler.ssl.SslContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place listeners get TLS from. The server wiring calls {@link #start} once and hands the
 * same {@link SslContext} ({@link ServerTls#context()}) to every listener (IMAP, SMTP, POP3), which
 * only calls {@code newHandler(alloc)} or {@code newEngine(alloc)} on it, for implicit TLS and for
 * STARTTLS alike; behind it the certificate is reloaded when its files change or on SIGHUP.
 */
public final class TlsContexts {

  private static final Logger LOG = LoggerFactory.getLogger(TlsContexts.class);

  /** How often the certificate files are looked at. */
  static final Duration POLL_INTERVAL = Duration.ofSeconds(5);

  private TlsContexts() {}

  /**
   * The server's TLS from {@code MAILVAULT_TLS_CERT} and {@code MAILVAULT_TLS_KEY} when both are
   * set, otherwise from the self-signed certificate under {@code <data>/tls/} (generated when
   * missing or expired), offering the groups of {@code tls.groups}.
   *
   * @throws ConfigException one readable line: a file that cannot be read, is not PEM, a key that
   *     is not the certificate's, or an unknown group
   */
  public static ServerTls start(DataLayout layout, Settings settings) throws ConfigException {
    return start(layout, settings, Clock.systemUTC(), TlsProvider.chosen(settings), POLL_INTERVAL);
  }

  static ServerTls start(
      DataLayout layout,
      Settings settings,
      Clock clock,
      TlsProvider provider,
      Duration pollInterval)
      throws ConfigException {
    String origin = settings.origin(Setting.TLS_GROUPS);
    TlsGroups configured = TlsGroups.parse(settings.get(Setting.TLS_GROUPS), origin);
    TlsGroups groups = offered(configured, provider, origin);
    ServerTls tls =
        new ServerTls(
            () -> material(layout, settings, clock),
            files(layout, settings),
            provider,
            groups,
            clock,
            pollInterval);
    LOG.info(
        "TLS: certificate {} valid until {}, TLS 1.2 and 1.3 on {}, groups {}",
        tls.certificate().getSubjectX500Principal().getName(),
        tls.certificate().getNotAfter().toInstant(),
        provider,
        groups);
    if (!configured.offersPostQuantum()) {
      // ADR 0196: the guarantee is gone by choice; say so where an operator looks first.
      LOG.warn(
          "TLS: {} offers no post-quantum group; connections recorded today could be decrypted"
              + " by a quantum computer later. Add X25519MLKEM768 to protect them.",
          origin);
    }
    return tls;
  }

  /**
   * The configured groups the provider can offer. A group it cannot (a BoringSSL older than ML-KEM)
   * is left out with one WARN line rather than stopping the start: classical TLS still protects
   * today's connections, and the operator is told what is missing.
   */
  private static TlsGroups offered(TlsGroups configured, TlsProvider provider, String origin)
      throws ConfigException {
    List<TlsGroups.Group> usable = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (TlsGroups.Group group : configured.groups()) {
      if (ServerSslContexts.supports(provider, group)) {
        usable.add(group);
      } else {
        missing.add(group.displayName());
      }
    }
    if (usable.isEmpty()) {
      throw new ConfigException(origin + ": " + provider + " supports none of " + configured);
    }
    if (!missing.isEmpty()) {
      TlsGroups offered = new TlsGroups(usable);
      LOG.warn(
          "TLS: {} cannot offer {} from {}; offering only {}{}",
          provider,
          String.join(", ", missing),
          origin,
          offered,
          configured.offersPostQuantum() && !offered.offersPostQuantum()
              ? ". NO POST-QUANTUM KEY EXCHANGE: connections recorded today could be decrypted by"
                  + " a quantum computer later; use tls.provider=bouncycastle or a newer"
                  + " netty-tcnative."
              : "");
    }
    return new TlsGroups(usable);
  }

  /** The files the certificate and key are read from, watched for changes. */
  private static List<Path> files(DataLayout layout, Settings settings) {
    Path cert = path(settings, Setting.TLS_CERT);
    Path key = path(settings, Setting.TLS_KEY);
    if (cert != null && key != null) {
      return List.of(cert, key);
    }
    SelfSignedCertificateStore store =
        new SelfSignedCertificateStore(layout.tls(), Clock.systemUTC());
    return List.of(store.certFile(), store.keyFile());
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
