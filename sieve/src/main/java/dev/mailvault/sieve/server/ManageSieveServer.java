package dev.mailvault.sieve.server;

import dev.mailvault.core.auth.LoginThrottle;
import dev.mailvault.core.net.ConnectionCeiling;
import dev.mailvault.core.security.SecurityLog;
import dev.mailvault.directory.Directory;
import dev.mailvault.protocol.command.CommandTable;
import dev.mailvault.protocol.exec.SessionPools;
import dev.mailvault.protocol.net.ConnectionLimiter;
import dev.mailvault.protocol.net.ConnectionSetup;
import dev.mailvault.protocol.net.ListenerPair;
import dev.mailvault.protocol.net.ListenerSpec;
import dev.mailvault.sieve.codec.Responses;
import dev.mailvault.sieve.handler.ManageSieveCommands;
import dev.mailvault.sieve.session.ScriptChecker;
import dev.mailvault.sieve.session.SieveRow;
import dev.mailvault.sieve.session.SieveServices;
import dev.mailvault.sieve.session.SieveSession;
import dev.mailvault.sieve.session.SieveState;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.timeout.IdleStateHandler;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * The ManageSieve front-end (RFC 5804; ADR 0248): one STARTTLS listener bound by the protocol
 * runtime (RFC 5804 defines no implicit-TLS port); sessions run on worker pools of their own, so
 * the event loops never wait on the directory (DESIGN §6).
 */
public final class ManageSieveServer implements AutoCloseable {

  /** Over the server's ceiling (ADR 0175): the server's trouble, try later. */
  private static final byte[] TOO_MANY = Responses.bye("TRYLATER", "Too many connections");

  private final SessionPools pools;
  private final ListenerPair listeners;

  private ManageSieveServer(SessionPools pools, ListenerPair listeners) {
    this.pools = pools;
    this.listeners = listeners;
  }

  /**
   * Binds the listener; failed logins count in {@code throttle}, which the node shares with IMAP
   * and POP3, so a guesser gets one allowance per account and network whichever protocol it uses.
   *
   * @param checker compiles scripts before they are stored, and names the SIEVE extensions
   * @throws IOException when the port cannot be bound; nothing stays open then
   */
  public static ManageSieveServer start(
      EventLoopGroup loops,
      ManageSieveServerConfig config,
      Directory directory,
      ScriptChecker checker,
      SecurityLog securityLog,
      LoginThrottle throttle)
      throws IOException, InterruptedException {
    SessionPools pools = SessionPools.withLogins("managesieve", config.loginPool());
    SieveServices services =
        new SieveServices(
            directory,
            checker,
            config.limits(),
            throttle,
            securityLog,
            pools.commands(),
            pools.logins(),
            pools.timers());
    CommandTable<SieveRow, SieveState, SieveSession> table =
        ManageSieveCommands.table(checker.extensions(), config.limits().maxRedirects());
    ConnectionLimiter limiter = new ConnectionLimiter(config.limits().connectionsPerIp());
    ConnectionCeiling ceiling = new ConnectionCeiling(config.deadlines().maxConnections());
    ConnectionSetup setup =
        (channel, implicitTls) ->
            channel
                .pipeline()
                .addLast(
                    "autologout",
                    new IdleStateHandler(
                        config.limits().idleLogout().toMillis(), 0, 0, TimeUnit.MILLISECONDS))
                .addLast(
                    "managesieve",
                    new ManageSieveConnection(
                        services,
                        table,
                        config.tls(),
                        limiter,
                        config.deadlines(),
                        directory.sieveLimits().maxScriptOctets()));
    ListenerSpec spec =
        new ListenerSpec(
            "managesieve",
            config.bindAddress(),
            config.port(),
            false,
            config.tls(),
            config.trustedProxies(),
            ceiling,
            TOO_MANY,
            securityLog);
    try {
      return new ManageSieveServer(pools, ListenerPair.bind(loops, spec, -1, setup));
    } catch (IOException | InterruptedException | RuntimeException e) {
      pools.close();
      throw e;
    }
  }

  public int port() {
    return listeners.port();
  }

  @Override
  public void close() {
    listeners.close();
    pools.close();
  }
}
