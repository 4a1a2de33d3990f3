package dev.mailvault.sieve.server;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.auth.LoginThrottle;
import dev.mailvault.core.security.LoginHasher;
import dev.mailvault.core.security.SecurityLog;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.jdbc.SqliteDirectory;
import dev.mailvault.protocol.exec.LoginPoolSize;
import dev.mailvault.protocol.net.SessionDeadlines;
import dev.mailvault.sieve.session.CompilerChecker;
import dev.mailvault.sieve.session.ManageSieveLimits;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A real ManageSieve server for tests: the listener on an ephemeral 127.0.0.1 port, a real SQLite
 * directory under a temporary folder, core's compiler, a self-signed certificate for STARTTLS.
 */
final class LiveSieveServer implements AutoCloseable {

  static final String PASSWORD = "correct horse battery staple";

  /** Fast failure delays so error-path tests stay quick; blocking thresholds as in production. */
  static final LoginThrottle.Policy TEST_THROTTLE =
      new LoginThrottle.Policy(
          Duration.ofMillis(20),
          Duration.ofMillis(200),
          Duration.ofMinutes(15),
          10,
          50,
          Duration.ofMinutes(15),
          20,
          Duration.ofMillis(200),
          Duration.ofDays(30));

  private static SelfSignedCertificate certificate;

  private final Directory directory;
  private final EventLoopGroup loops;
  private final LoginThrottle throttle;
  private final ManageSieveServer server;

  private LiveSieveServer(
      Path data, ManageSieveLimits limits, SessionDeadlines deadlines, Set<InetAddress> proxies)
      throws Exception {
    Files.createDirectories(data);
    directory = SqliteDirectory.open(data, Optional.empty());
    loops = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    throttle = new LoginThrottle(TEST_THROTTLE, Clock.systemUTC());
    server =
        ManageSieveServer.start(
            loops,
            new ManageSieveServerConfig(
                "127.0.0.1",
                0,
                tlsContext(),
                limits,
                proxies,
                deadlines,
                LoginPoolSize.forThisMachine()),
            directory,
            new CompilerChecker(),
            new SecurityLog(LoginHasher.openOrCreate(data.resolve("security-log.key"))),
            throttle);
  }

  static LiveSieveServer start(Path data) throws Exception {
    return new LiveSieveServer(
        data, ManageSieveLimits.DEFAULTS, SessionDeadlines.DEFAULTS, Set.of());
  }

  /** A server that takes the PROXY protocol from loopback, so a test can be another host. */
  static LiveSieveServer behindProxy(Path data) throws Exception {
    return new LiveSieveServer(
        data,
        ManageSieveLimits.DEFAULTS,
        SessionDeadlines.DEFAULTS,
        Set.of(InetAddress.getLoopbackAddress()));
  }

  static LiveSieveServer start(Path data, ManageSieveLimits limits, SessionDeadlines deadlines)
      throws Exception {
    return new LiveSieveServer(data, limits, deadlines, Set.of());
  }

  private static synchronized SslContext tlsContext() throws Exception {
    if (certificate == null) {
      certificate = new SelfSignedCertificate("localhost");
    }
    return SslContextBuilder.forServer(certificate.certificate(), certificate.privateKey())
        .protocols("TLSv1.3", "TLSv1.2")
        .build();
  }

  /** The certificate clients must trust. */
  static java.security.cert.X509Certificate certificate() {
    return certificate.cert();
  }

  /** Creates the domain if needed and an alias with {@link #PASSWORD}. */
  void addAlias(String address) throws Exception {
    EmailAddress parsed = EmailAddress.parse(address);
    if (directory.listDomains().stream().noneMatch(d -> d.name().equals(parsed.domain()))) {
      directory.addDomain(parsed.domain());
    }
    directory.addAlias(parsed, PASSWORD.toCharArray()).close();
  }

  Directory directory() {
    return directory;
  }

  int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.close();
    loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    directory.close();
  }
}
