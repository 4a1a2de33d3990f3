package dev.mailvault.smtp.server;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.core.auth.LoginThrottle;
import dev.mailvault.core.security.LoginHasher;
import dev.mailvault.core.security.SecurityLog;
import dev.mailvault.core.spill.SpillArea;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.NewAlias;
import dev.mailvault.directory.jdbc.SqliteDirectory;
import dev.mailvault.protocol.exec.LoginPoolSize;
import dev.mailvault.smtp.session.SmtpLimits;
import dev.mailvault.smtp.session.SubmissionLimits;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.ssl.SslContext;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A real submission server for tests: both listeners on ephemeral 127.0.0.1 ports, a real SQLite
 * directory, the MX tests' self-signed certificate, a fixed clock, and a {@link RecordingOutbox}.
 * Failed logins are not slowed down (the throttle's delays are zero), but the fourth failure from
 * one network blocks, so the throttle can be seen.
 */
public final class LiveSubmissionServer implements AutoCloseable {

  public static final String HOSTNAME = "submit.test";

  /** The fixed clock's instant: Date fields are exact. */
  public static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");

  public static final LoginThrottle.Policy QUICK_THROTTLE =
      new LoginThrottle.Policy(
          Duration.ZERO,
          Duration.ZERO,
          Duration.ofMinutes(15),
          3,
          50,
          Duration.ofMinutes(15),
          20,
          Duration.ZERO,
          Duration.ofDays(30));

  private final Directory directory;
  private final RecordingOutbox outbox = new RecordingOutbox();
  private final EventLoopGroup loops;
  private final SubmissionServer server;

  private LiveSubmissionServer(
      Path data, SmtpLimits limits, SubmissionLimits submission, Set<InetAddress> proxies)
      throws Exception {
    Files.createDirectories(data);
    directory = SqliteDirectory.open(data, Optional.empty());
    loops = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    server =
        SubmissionServer.start(
            loops,
            new SubmissionServerConfig(
                "127.0.0.1",
                0,
                0,
                HOSTNAME,
                tlsContext(),
                limits,
                submission,
                proxies,
                SmtpDeadlines.DEFAULTS,
                new LoginPoolSize(2, 16)),
            directory,
            outbox,
            new SecurityLog(LoginHasher.withRandomKey()),
            new LoginThrottle(QUICK_THROTTLE, clock),
            SpillArea.inMemory(),
            clock);
  }

  public static LiveSubmissionServer start(Path data) throws Exception {
    return new LiveSubmissionServer(data, SmtpLimits.DEFAULTS, SubmissionLimits.DEFAULTS, Set.of());
  }

  public static LiveSubmissionServer start(Path data, SmtpLimits limits, SubmissionLimits sub)
      throws Exception {
    return new LiveSubmissionServer(data, limits, sub, Set.of());
  }

  /** Behind a trusted PROXY-protocol peer: the client can seem to come from another host. */
  public static LiveSubmissionServer behindProxy(Path data) throws Exception {
    return new LiveSubmissionServer(
        data,
        SmtpLimits.DEFAULTS,
        SubmissionLimits.DEFAULTS,
        Set.of(InetAddress.getByName("127.0.0.1")));
  }

  /** The MX tests' certificate, so their trusting socket factory serves both. */
  private static SslContext tlsContext() throws Exception {
    return LiveSmtpServer.tlsContext();
  }

  /** Creates the domain if needed and the alias; returns its generated password. */
  public String addAlias(String address) throws Exception {
    EmailAddress parsed = EmailAddress.parse(address);
    if (directory.listDomains().stream().noneMatch(d -> d.name().equals(parsed.domain()))) {
      directory.addDomain(parsed.domain());
    }
    try (NewAlias alias = directory.addAlias(parsed)) {
      return new String(alias.generatedPassword().orElseThrow());
    }
  }

  /** The base64 of a SASL PLAIN response (RFC 4616). */
  public static String plain(String login, String password) {
    return Base64.getEncoder()
        .encodeToString(("\0" + login + "\0" + password).getBytes(StandardCharsets.UTF_8));
  }

  public static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  public Directory directory() {
    return directory;
  }

  public RecordingOutbox outbox() {
    return outbox;
  }

  public int port() {
    return server.port();
  }

  public int tlsPort() {
    return server.tlsPort();
  }

  public SmtpClient connect() throws Exception {
    return new SmtpClient(port());
  }

  /** A client on the implicit-TLS port (RFC 8314 §3.3), trusting the test certificate. */
  public SmtpClient connectTls() throws Exception {
    return SmtpClient.implicitTls(tlsPort());
  }

  @Override
  public void close() {
    server.close();
    loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    directory.close();
  }
}
