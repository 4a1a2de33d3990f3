package dev.mailvault.smtp.server;

import dev.mailvault.core.access.MailDelivery;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.outbound.Outbox;
import dev.mailvault.core.security.LoginHasher;
import dev.mailvault.core.security.SecurityLog;
import dev.mailvault.core.spill.SpillArea;
import dev.mailvault.core.srs.SrsCodec;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.NewAlias;
import dev.mailvault.directory.jdbc.SqliteDirectory;
import dev.mailvault.smtp.session.InboundAuthentication;
import dev.mailvault.smtp.session.MxForwarding;
import dev.mailvault.smtp.session.SmtpLimits;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * A real MX for tests: the Netty listener on an ephemeral 127.0.0.1 port, a real SQLite directory
 * in a temporary data directory, a self-signed certificate for STARTTLS, and a {@link
 * RecordingDelivery} (or a delivery the test gives).
 */
public final class LiveSmtpServer implements AutoCloseable {

  public static final String HOSTNAME = "mx.test";

  private static SelfSignedCertificate certificate;

  private final Directory directory;
  private final RecordingDelivery delivery = new RecordingDelivery();
  private final MailDelivery target;
  private final EventLoopGroup loops;
  private final SmtpServer server;

  private LiveSmtpServer(
      Path data, SmtpLimits limits, boolean tls, Function<Directory, MailDelivery> deliveries)
      throws Exception {
    this(data, limits, tls, deliveries, Set.of(), SmtpDeadlines.DEFAULTS, Optional.empty());
  }

  private LiveSmtpServer(
      Path data,
      SmtpLimits limits,
      boolean tls,
      Function<Directory, MailDelivery> deliveries,
      Set<InetAddress> proxies,
      SmtpDeadlines deadlines,
      Optional<EmailAddress> postmaster)
      throws Exception {
    this(data, limits, tls, deliveries, proxies, deadlines, postmaster, Optional.empty());
  }

  private LiveSmtpServer(
      Path data,
      SmtpLimits limits,
      boolean tls,
      Function<Directory, MailDelivery> deliveries,
      Set<InetAddress> proxies,
      SmtpDeadlines deadlines,
      Optional<EmailAddress> postmaster,
      Optional<InboundAuthentication> authentication)
      throws Exception {
    this(data, limits, tls, deliveries, proxies, deadlines, postmaster, authentication, null);
  }

  private LiveSmtpServer(
      Path data,
      SmtpLimits limits,
      boolean tls,
      Function<Directory, MailDelivery> deliveries,
      Set<InetAddress> proxies,
      SmtpDeadlines deadlines,
      Optional<EmailAddress> postmaster,
      Optional<InboundAuthentication> authentication,
      MxForwarding forwarding)
      throws Exception {
    Files.createDirectories(data);
    directory = SqliteDirectory.open(data, Optional.empty());
    target = deliveries == null ? delivery : deliveries.apply(directory);
    loops = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    server =
        SmtpServer.start(
            loops,
            new SmtpServerConfig(
                "127.0.0.1",
                0,
                HOSTNAME,
                tls ? tlsContext() : null,
                limits,
                proxies,
                deadlines,
                postmaster),
            directory,
            target,
            new SecurityLog(LoginHasher.withRandomKey()),
            SpillArea.inMemory(),
            authentication,
            Optional.ofNullable(forwarding));
  }

  /** A server whose aliases may forward, through {@code outbox} with {@code srs} (ADR 0240). */
  public static LiveSmtpServer withForwarding(Path data, Outbox outbox, SrsCodec srs)
      throws Exception {
    return new LiveSmtpServer(
        data,
        SmtpLimits.DEFAULTS,
        true,
        null,
        Set.of(),
        SmtpDeadlines.DEFAULTS,
        Optional.empty(),
        Optional.empty(),
        new MxForwarding(outbox, srs, MxForwarding.DEFAULT_MAX_RECEIVED));
  }

  public static LiveSmtpServer start(Path data) throws Exception {
    return new LiveSmtpServer(data, SmtpLimits.DEFAULTS, true, null);
  }

  /** A server that hands messages to the delivery {@code deliveries} makes for its directory. */
  public static LiveSmtpServer start(Path data, Function<Directory, MailDelivery> deliveries)
      throws Exception {
    return new LiveSmtpServer(data, SmtpLimits.DEFAULTS, true, deliveries);
  }

  /** A server with no certificate: STARTTLS is neither offered nor accepted. */
  public static LiveSmtpServer startWithoutTls(Path data) throws Exception {
    return new LiveSmtpServer(data, SmtpLimits.DEFAULTS, false, null);
  }

  public static LiveSmtpServer start(Path data, SmtpLimits limits) throws Exception {
    return new LiveSmtpServer(data, limits, true, null);
  }

  /** A server that takes the PROXY protocol from {@code proxies} (ADR 0173). */
  public static LiveSmtpServer behindProxies(Path data, SmtpLimits limits, Set<InetAddress> proxies)
      throws Exception {
    return new LiveSmtpServer(
        data, limits, true, null, proxies, SmtpDeadlines.DEFAULTS, Optional.empty());
  }

  public static LiveSmtpServer start(Path data, SmtpLimits limits, SmtpDeadlines deadlines)
      throws Exception {
    return new LiveSmtpServer(data, limits, true, null, Set.of(), deadlines, Optional.empty());
  }

  /** A server that checks SPF, DKIM and DMARC on arrival with {@code authentication}. */
  public static LiveSmtpServer withAuthentication(Path data, InboundAuthentication authentication)
      throws Exception {
    return new LiveSmtpServer(
        data,
        SmtpLimits.DEFAULTS,
        true,
        null,
        Set.of(),
        SmtpDeadlines.DEFAULTS,
        Optional.empty(),
        Optional.of(authentication));
  }

  /** A server whose postmaster mail goes to {@code postmaster}. */
  public static LiveSmtpServer startWithPostmaster(Path data, EmailAddress postmaster)
      throws Exception {
    return new LiveSmtpServer(
        data,
        SmtpLimits.DEFAULTS,
        true,
        null,
        Set.of(),
        SmtpDeadlines.DEFAULTS,
        Optional.of(postmaster));
  }

  static synchronized SslContext tlsContext() throws Exception {
    if (certificate == null) {
      certificate = new SelfSignedCertificate("localhost");
    }
    return SslContextBuilder.forServer(certificate.certificate(), certificate.privateKey())
        .protocols("TLSv1.3", "TLSv1.2")
        .build();
  }

  /** Creates the domain if needed and the alias; returns the alias's vault id. */
  public String addAlias(String address) throws Exception {
    EmailAddress parsed = EmailAddress.parse(address);
    if (directory.listDomains().stream().noneMatch(d -> d.name().equals(parsed.domain()))) {
      directory.addDomain(parsed.domain());
    }
    try (NewAlias alias = directory.addAlias(parsed)) {
      return alias.vaultId();
    }
  }

  public Directory directory() {
    return directory;
  }

  public RecordingDelivery delivery() {
    return delivery;
  }

  public int port() {
    return server.port();
  }

  public SmtpClient connect() throws Exception {
    return new SmtpClient(port());
  }

  public static X509Certificate certificate() {
    return certificate.cert();
  }

  /** A socket factory that trusts exactly the test certificate. */
  public static SSLSocketFactory trustingSocketFactory() throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("mailvault-test", certificate());
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context.getSocketFactory();
  }

  @Override
  public void close() {
    server.close();
    loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    directory.close();
  }
}
