package dev.mailvault.server;

import dev.mailvault.core.auth.LoginThrottle;
import dev.mailvault.core.security.SecurityLog;
import dev.mailvault.directory.Directory;
import dev.mailvault.protocol.exec.LoginPoolSize;
import dev.mailvault.protocol.net.SessionDeadlines;
import dev.mailvault.server.config.ConfigException;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.config.Settings;
import dev.mailvault.sieve.server.ManageSieveServer;
import dev.mailvault.sieve.server.ManageSieveServerConfig;
import dev.mailvault.sieve.session.CompilerChecker;
import dev.mailvault.sieve.session.ManageSieveLimits;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * Starts the ManageSieve front-end (RFC 5804, ADR 0248) on the node's event loops: scripts live in
 * the directory, so it needs no vault; it shares the node's login throttle with IMAP and POP3.
 * Limits, deadlines and the plaintext rule are the protocol's defaults (ADR 0248).
 */
public final class ManageSieveListeners {

  private ManageSieveListeners() {}

  /** The server, or empty when {@code managesieve.enabled} is false. */
  public static Optional<ManageSieveServer> start(
      EventLoopGroup loops,
      Settings settings,
      SslContext tls,
      Directory directory,
      SecurityLog securityLog,
      LoginThrottle throttle)
      throws ConfigException, InterruptedException {
    if (!settings.bool(Setting.MANAGESIEVE_ENABLED)) {
      return Optional.empty();
    }
    ManageSieveServerConfig config =
        new ManageSieveServerConfig(
            settings.get(Setting.BIND),
            settings.port(Setting.MANAGESIEVE_PORT),
            tls,
            ManageSieveLimits.DEFAULTS,
            Set.of(),
            SessionDeadlines.DEFAULTS,
            LoginPoolSize.forThisMachine());
    try {
      return Optional.of(
          ManageSieveServer.start(
              loops, config, directory, new CompilerChecker(), securityLog, throttle));
    } catch (IOException e) {
      throw new ConfigException(e.getMessage());
    }
  }
}
