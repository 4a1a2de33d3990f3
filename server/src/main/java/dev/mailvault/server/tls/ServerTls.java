package dev.mailvault.server.tls;

import dev.mailvault.server.config.ConfigException;
import io.netty.handler.ssl.SslContext;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's TLS while it runs: the one context every listener holds, the certificate behind it,
 * its reload when the files change or on SIGHUP (ADR 0197), and the warning before it expires.
 *
 * <p>Concurrency: {@link #reload()} runs on the poller thread or the signal thread and is
 * synchronized, so two reloads never interleave; listeners read the current context through a
 * volatile field on every handshake and never wait for a reload.
 */
public final class ServerTls implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ServerTls.class);

  /** Where the certificate and key come from: the configured files or the self-signed store. */
  @FunctionalInterface
  interface Source {
    TlsMaterial load() throws ConfigException;
  }

  private final Source source;
  private final TlsProvider provider;
  private final TlsGroups groups;
  private final Clock clock;
  private final WatchedFiles files;
  private final ReloadableSslContext context;
  private final ScheduledExecutorService poller;
  private volatile TlsMaterial material;
  private String lastWarning;

  ServerTls(
      Source source,
      List<Path> files,
      TlsProvider provider,
      TlsGroups groups,
      Clock clock,
      Duration pollInterval)
      throws ConfigException {
    this.source = source;
    this.provider = provider;
    this.groups = groups;
    this.clock = clock;
    this.material = source.load();
    // Stamped after the first load, which may have written the self-signed pair.
    this.files = new WatchedFiles(files);
    this.context = new ReloadableSslContext(ServerSslContexts.build(material, provider, groups));
    expiryWarning();
    this.poller =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "mailvault-tls-reload");
              t.setDaemon(true);
              return t;
            });
    long millis = pollInterval.toMillis();
    poller.scheduleWithFixedDelay(this::reloadIfChanged, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** The context to hand every listener; it follows reloads. */
  public SslContext context() {
    return context;
  }

  /** The certificate new handshakes present. */
  public X509Certificate certificate() {
    return material.leaf();
  }

  TlsProvider provider() {
    return provider;
  }

  /**
   * Reads the certificate and key again and, if they can be used, makes new handshakes present
   * them; connections already open keep theirs. A file that cannot be used leaves the current
   * certificate in place, with one WARN line.
   *
   * @return whether the new files were taken
   */
  public synchronized boolean reload() {
    TlsMaterial next;
    SslContext built;
    try {
      next = source.load();
      built = ServerSslContexts.build(next, provider, groups);
    } catch (ConfigException | RuntimeException e) {
      LOG.warn("TLS: kept the current certificate; the new files cannot be used: {}", message(e));
      return false;
    }
    material = next;
    context.replace(built);
    LOG.info(
        "TLS: reloaded; certificate {} valid until {}",
        next.leaf().getSubjectX500Principal().getName(),
        next.leaf().getNotAfter().toInstant());
    expiryWarning();
    return true;
  }

  /**
   * One line when the certificate expires within 14 days or has expired, else null; logged as a
   * WARN when it first appears and whenever it changes (once a day, as the days count down).
   */
  public String expiryWarning() {
    String warning = CertificateExpiry.warning(material.leaf(), clock.instant()).orElse(null);
    synchronized (this) {
      if (warning != null && !Objects.equals(warning, lastWarning)) {
        LOG.warn(
            "{}; renew it and replace the files (they are reloaded without a restart)", warning);
      }
      lastWarning = warning;
    }
    return warning;
  }

  private void reloadIfChanged() {
    try {
      if (files.changed()) {
        reload();
      }
    } catch (RuntimeException e) {
      // The poller must survive anything; the next round tries again.
      LOG.warn("TLS: could not check the certificate files: {}", message(e));
    }
  }

  private static String message(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }
}
