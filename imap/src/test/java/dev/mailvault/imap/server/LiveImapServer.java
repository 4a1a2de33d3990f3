package dev.mailvault.imap.server;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.auth.LoginThrottle;
import dev.mailvault.core.security.LoginHasher;
import dev.mailvault.core.security.SecurityLog;
import dev.mailvault.core.spam.SpamLearning;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.NewAlias;
import dev.mailvault.directory.UnlockedAlias;
import dev.mailvault.directory.jdbc.DirectoryOptions;
import dev.mailvault.directory.jdbc.SqliteDirectory;
import dev.mailvault.imap.session.ImapLimits;
import dev.mailvault.protocol.exec.LoginPoolSize;
import dev.mailvault.protocol.net.SessionDeadlines;
import dev.mailvault.store.LocalDelivery;
import dev.mailvault.store.LocalMailAccess;
import dev.mailvault.store.Vault;
import dev.mailvault.store.VaultStore;
import dev.mailvault.store.VaultStoreConfig;
import dev.mailvault.store.spool.SpoolStore;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A real IMAP server for tests: the Netty listeners on ephemeral 127.0.0.1 ports, a real SQLite
 * directory, real encrypted vaults and spool under a temporary data directory, a self-signed
 * certificate for STARTTLS and implicit TLS.
 */
public final class LiveImapServer implements AutoCloseable {

  public static final String PASSWORD = "correct horse battery staple";

  /** Fast failure delays so error-path tests stay quick; blocking thresholds as in production. */
  public static final LoginThrottle.Policy TEST_THROTTLE =
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

  private final Path data;
  private final Directory directory;
  private final VaultStore vaults;
  private final SpoolStore spool;
  private final LocalDelivery delivery;
  private final EventLoopGroup loops;
  private final ImapServer server;

  /** One certificate for the whole test run: generating an RSA key per server is slow. */
  private static SelfSignedCertificate certificate;

  private LiveImapServer(
      Path data, ImapLimits limits, LoginThrottle.Policy throttle, Set<InetAddress> proxies)
      throws Exception {
    this(data, limits, throttle, proxies, SessionDeadlines.DEFAULTS);
  }

  private LiveImapServer(
      Path data,
      ImapLimits limits,
      LoginThrottle.Policy throttle,
      Set<InetAddress> proxies,
      SessionDeadlines deadlines)
      throws Exception {
    this(
        data,
        new ImapServerConfig("127.0.0.1", 0, 0, tlsContext(), limits, throttle, proxies, deadlines),
        DirectoryOptions.defaults());
  }

  private LiveImapServer(Path data, ImapServerConfig config, DirectoryOptions directoryOptions)
      throws Exception {
    this.data = data;
    Files.createDirectories(data);
    directory = SqliteDirectory.open(data, Optional.empty(), directoryOptions);
    vaults = new VaultStore(VaultStoreConfig.defaults(data.resolve("vaults")));
    spool = new SpoolStore(data.resolve("spool"));
    delivery = new LocalDelivery(vaults, spool, directory::quotaLedger);
    loops = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    server =
        ImapServer.start(
            loops,
            config,
            directory,
            new LocalMailAccess(vaults, spool),
            new SecurityLog(LoginHasher.openOrCreate(securityLogKey(data))));
  }

  /** Where the security log's key lives, as in a node's data directory. */
  public static Path securityLogKey(Path data) {
    return data.resolve("security-log.key");
  }

  private static synchronized SslContext tlsContext() throws Exception {
    if (certificate == null) {
      certificate = new SelfSignedCertificate("localhost");
    }
    return SslContextBuilder.forServer(certificate.certificate(), certificate.privateKey())
        .protocols("TLSv1.3", "TLSv1.2")
        .build();
  }

  public static LiveImapServer start(Path data) throws Exception {
    return new LiveImapServer(data, ImapLimits.DEFAULTS, TEST_THROTTLE, Set.of());
  }

  /** Thresholds no test run reaches, for a server shared by many scripts with failed logins. */
  public static final LoginThrottle.Policy LENIENT_THROTTLE =
      new LoginThrottle.Policy(
          Duration.ofMillis(20),
          Duration.ofMillis(200),
          Duration.ofMinutes(15),
          100_000,
          100_000,
          Duration.ofMinutes(15),
          100_000,
          Duration.ofMillis(200),
          Duration.ofDays(30));

  public static LiveImapServer start(Path data, ImapLimits limits) throws Exception {
    return new LiveImapServer(data, limits, TEST_THROTTLE, Set.of());
  }

  public static LiveImapServer start(Path data, SessionDeadlines deadlines) throws Exception {
    return new LiveImapServer(data, ImapLimits.DEFAULTS, TEST_THROTTLE, Set.of(), deadlines);
  }

  public static LiveImapServer start(Path data, ImapLimits limits, LoginThrottle.Policy throttle)
      throws Exception {
    return new LiveImapServer(data, limits, throttle, Set.of());
  }

  /**
   * A server whose directory has {@code directoryOptions} (a KDF a test controls, say) and whose
   * logins derive on a pool of {@code loginPool} (ADR 0186).
   */
  public static LiveImapServer start(
      Path data, ImapLimits limits, DirectoryOptions directoryOptions, LoginPoolSize loginPool)
      throws Exception {
    ImapServerConfig config =
        new ImapServerConfig(
                "127.0.0.1",
                0,
                0,
                tlsContext(),
                limits,
                TEST_THROTTLE,
                Set.of(),
                SessionDeadlines.DEFAULTS)
            .withLoginPool(loginPool);
    return new LiveImapServer(data, config, directoryOptions);
  }

  /** A server whose sessions teach {@code learning} what users move into and out of Junk. */
  public static LiveImapServer withSpamLearning(Path data, SpamLearning learning) throws Exception {
    ImapServerConfig config =
        new ImapServerConfig(
                "127.0.0.1",
                0,
                0,
                tlsContext(),
                ImapLimits.DEFAULTS,
                TEST_THROTTLE,
                Set.of(),
                SessionDeadlines.DEFAULTS)
            .withSpamLearning(learning);
    return new LiveImapServer(data, config, DirectoryOptions.defaults());
  }

  /** A server that takes the PROXY protocol from {@code proxies} (ADR 0173). */
  public static LiveImapServer behindProxies(
      Path data, ImapLimits limits, LoginThrottle.Policy throttle, Set<InetAddress> proxies)
      throws Exception {
    return new LiveImapServer(data, limits, throttle, proxies);
  }

  /** Creates the domain if needed and an alias with {@link #PASSWORD} and its empty vault. */
  public void addAlias(String address) throws Exception {
    EmailAddress parsed = EmailAddress.parse(address);
    if (directory.listDomains().stream().noneMatch(d -> d.name().equals(parsed.domain()))) {
      directory.addDomain(parsed.domain());
    }
    try (NewAlias alias = directory.addAlias(parsed, PASSWORD.toCharArray())) {
      vaults
          .create(alias.vaultId(), alias.dataKey().bytes(), directory.quotaLedger(alias.vaultId()))
          .close();
    }
  }

  /**
   * Gives {@code address} a fresh, empty vault: the old alias (if any) is removed from the
   * directory and created again, so a shared server can serve many independent scripts.
   */
  public void resetAlias(String address) throws Exception {
    EmailAddress parsed = EmailAddress.parse(address);
    if (directory.findAlias(parsed).isPresent()) {
      directory.removeAlias(parsed);
    }
    addAlias(address);
  }

  /** Opens the alias's vault directly, as a second writer beside the IMAP sessions. */
  public Vault openVault(String address) throws Exception {
    try (UnlockedAlias alias = directory.unlock(address, PASSWORD.toCharArray())) {
      return vaults.open(
          alias.vaultId(), alias.dataKey().bytes(), directory.quotaLedger(alias.vaultId()));
    }
  }

  public Directory directory() {
    return directory;
  }

  public VaultStore vaults() {
    return vaults;
  }

  public SpoolStore spool() {
    return spool;
  }

  /** Delivery into this server's vaults and spool, as the MX uses it. */
  public LocalDelivery delivery() {
    return delivery;
  }

  public Path data() {
    return data;
  }

  public int port() {
    return server.port();
  }

  public int tlsPort() {
    return server.tlsPort();
  }

  /** The certificate clients must trust. */
  public static java.security.cert.X509Certificate certificate() {
    return certificate.cert();
  }

  @Override
  public void close() {
    server.close();
    loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    vaults.close();
    directory.close();
  }
}
