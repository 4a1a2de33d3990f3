package dev.mailvault.pop3.server;

import dev.mailvault.core.access.NewMessage;
import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.auth.LoginThrottle;
import dev.mailvault.core.security.LoginHasher;
import dev.mailvault.core.security.SecurityLog;
import dev.mailvault.directory.AliasRoute;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.NewAlias;
import dev.mailvault.directory.UnlockedAlias;
import dev.mailvault.directory.jdbc.DirectoryOptions;
import dev.mailvault.directory.jdbc.SqliteDirectory;
import dev.mailvault.pop3.session.Pop3Limits;
import dev.mailvault.protocol.exec.LoginPoolSize;
import dev.mailvault.protocol.net.SessionDeadlines;
import dev.mailvault.store.LocalMailAccess;
import dev.mailvault.store.Vault;
import dev.mailvault.store.VaultStore;
import dev.mailvault.store.VaultStoreConfig;
import dev.mailvault.store.spool.SpoolItem;
import dev.mailvault.store.spool.SpoolStore;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A real POP3 server for tests, as {@code LiveImapServer} is for IMAP: both listeners on ephemeral
 * 127.0.0.1 ports, a real SQLite directory, real encrypted vaults and spool under a temporary data
 * directory, a self-signed certificate for STLS and implicit TLS.
 */
public final class LivePop3Server implements AutoCloseable {

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

  private static SelfSignedCertificate certificate;

  private final Directory directory;
  private final VaultStore vaults;
  private final SpoolStore spool;
  private final EventLoopGroup loops;
  private final Pop3Server server;

  private LivePop3Server(
      Path data, Pop3Limits limits, Set<InetAddress> proxies, SessionDeadlines deadlines)
      throws Exception {
    this(
        data,
        limits,
        proxies,
        deadlines,
        DirectoryOptions.defaults(),
        LoginPoolSize.forThisMachine());
  }

  private LivePop3Server(
      Path data,
      Pop3Limits limits,
      Set<InetAddress> proxies,
      SessionDeadlines deadlines,
      DirectoryOptions directoryOptions,
      LoginPoolSize loginPool)
      throws Exception {
    Files.createDirectories(data);
    directory = SqliteDirectory.open(data, Optional.empty(), directoryOptions);
    vaults = new VaultStore(VaultStoreConfig.defaults(data.resolve("vaults")));
    spool = new SpoolStore(data.resolve("spool"));
    loops = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    Pop3ServerConfig config =
        new Pop3ServerConfig(
            "127.0.0.1", 0, 0, tlsContext(), limits, TEST_THROTTLE, proxies, deadlines, loginPool);
    server =
        Pop3Server.start(
            loops,
            config,
            directory,
            new LocalMailAccess(vaults, spool),
            new SecurityLog(LoginHasher.openOrCreate(data.resolve("security-log.key"))));
  }

  public static LivePop3Server start(Path data) throws Exception {
    return new LivePop3Server(data, Pop3Limits.DEFAULTS, Set.of(), SessionDeadlines.DEFAULTS);
  }

  public static LivePop3Server start(Path data, Pop3Limits limits, SessionDeadlines deadlines)
      throws Exception {
    return new LivePop3Server(data, limits, Set.of(), deadlines);
  }

  /** A server whose directory derives keys with {@code options} on a login pool of its own. */
  public static LivePop3Server start(Path data, DirectoryOptions options, LoginPoolSize loginPool)
      throws Exception {
    return new LivePop3Server(
        data, Pop3Limits.DEFAULTS, Set.of(), SessionDeadlines.DEFAULTS, options, loginPool);
  }

  /** A server that takes the PROXY protocol from {@code proxies} (ADR 0173). */
  public static LivePop3Server behindProxies(Path data, Set<InetAddress> proxies) throws Exception {
    return new LivePop3Server(data, Pop3Limits.DEFAULTS, proxies, SessionDeadlines.DEFAULTS);
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
  public static java.security.cert.X509Certificate certificate() {
    return certificate.cert();
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

  /** Opens the alias's vault directly, as another session beside the POP3 ones. */
  public Vault openVault(String address) throws Exception {
    try (UnlockedAlias alias = directory.unlock(address, PASSWORD.toCharArray())) {
      return vaults.open(
          alias.vaultId(), alias.dataKey().bytes(), directory.quotaLedger(alias.vaultId()));
    }
  }

  /** Appends messages to the alias's INBOX, in order, through a vault handle of its own. */
  public void append(String address, String... messages) throws Exception {
    try (Vault vault = openVault(address)) {
      for (String message : messages) {
        vault.append("INBOX", NewMessage.of(message.getBytes(StandardCharsets.UTF_8)));
      }
    }
  }

  /** Seals a message into the alias's spool, as the MX does while no session holds the vault. */
  public void spool(String address, String message) throws Exception {
    AliasRoute route = directory.findAlias(EmailAddress.parse(address)).orElseThrow();
    spool.put(
        route.vaultId(),
        route.spoolPublicKey(),
        new SpoolItem(
            message.getBytes(StandardCharsets.UTF_8),
            Instant.now(),
            "a@example.org",
            List.of(address)));
  }

  public SpoolStore spool() {
    return spool;
  }

  public Directory directory() {
    return directory;
  }

  public int port() {
    return server.port();
  }

  public int tlsPort() {
    return server.tlsPort();
  }

  @Override
  public void close() {
    server.close();
    loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    vaults.close();
    directory.close();
  }
}
