package dev.mailvault.pop3.server;

import dev.mailvault.core.access.MailAccess;
import dev.mailvault.core.auth.LoginThrottle;
import dev.mailvault.core.net.ConnectionCeiling;
import dev.mailvault.core.security.SecurityLog;
import dev.mailvault.directory.Directory;
import dev.mailvault.pop3.handler.Pop3Commands;
import dev.mailvault.pop3.session.Pop3Row;
import dev.mailvault.pop3.session.Pop3Services;
import dev.mailvault.pop3.session.Pop3Session;
import dev.mailvault.pop3.session.Pop3State;
import dev.mailvault.protocol.command.CommandTable;
import dev.mailvault.protocol.exec.SessionPools;
import dev.mailvault.protocol.net.ConnectionLimiter;
import dev.mailvault.protocol.net.ConnectionSetup;
import dev.mailvault.protocol.net.ListenerPair;
import dev.mailvault.protocol.net.ListenerSpec;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.timeout.IdleStateHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * The POP3 front-end (issue 12): a STLS listener and an implicit-TLS listener bound by the protocol
 * runtime; sessions run on worker pools of their own, so the event loops never wait on the
 * directory or a vault (DESIGN §6).
 */
public final class Pop3Server implements AutoCloseable {

  /** Over the server's ceiling (ADR 0175); RFC 3206 §4: the server's trouble, try later. */
  private static final byte[] TOO_MANY =
      "-ERR [SYS/TEMP] Too many connections\r\n".getBytes(StandardCharsets.US_ASCII);

  private final SessionPools pools;
  private final ListenerPair listeners;

  private Pop3Server(SessionPools pools, ListenerPair listeners) {
    this.pools = pools;
    this.listeners = listeners;
  }

  /**
   * Binds the listeners, with a login throttle of their own.
   *
   * @throws IOException when a port cannot be bound; nothing stays open then
   */
  public static Pop3Server start(
      EventLoopGroup loops,
      Pop3ServerConfig config,
      Directory directory,
      MailAccess mail,
      SecurityLog securityLog)
      throws IOException, InterruptedException {
    return start(
        loops,
        config,
        directory,
        mail,
        securityLog,
        new LoginThrottle(config.throttle(), Clock.systemUTC()));
  }

  /**
   * Binds the listeners; failed logins count in {@code throttle}, which the node shares with IMAP,
   * so a guesser gets one allowance per account and network whichever protocol it uses.
   *
   * @throws IOException when a port cannot be bound; nothing stays open then
   */
  public static Pop3Server start(
      EventLoopGroup loops,
      Pop3ServerConfig config,
      Directory directory,
      MailAccess mail,
      SecurityLog securityLog,
      LoginThrottle throttle)
      throws IOException, InterruptedException {
    SessionPools pools = SessionPools.withLogins("pop3", config.loginPool());
    Pop3Services services =
        new Pop3Services(
            directory,
            mail,
            config.limits(),
            throttle,
            securityLog,
            pools.commands(),
            pools.logins(),
            pools.timers());
    CommandTable<Pop3Row, Pop3State, Pop3Session> table = Pop3Commands.table();
    ConnectionLimiter limiter = new ConnectionLimiter(config.limits().connectionsPerIp());
    // One ceiling for both listeners: it guards the machine, not a port (ADR 0175).
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
                    "pop3",
                    new Pop3Connection(
                        services, table, config.tls(), limiter, implicitTls, config.deadlines()));
    try {
      return new Pop3Server(
          pools,
          ListenerPair.bind(loops, spec(config, ceiling, securityLog), config.tlsPort(), setup));
    } catch (IOException | InterruptedException | RuntimeException e) {
      pools.close();
      throw e;
    }
  }

  private static ListenerSpec spec(
      Pop3ServerConfig config, ConnectionCeiling ceiling, SecurityLog securityLog) {
    return new ListenerSpec(
        "pop3",
        config.bindAddress(),
        config.port(),
        false,
        config.tls(),
        config.trustedProxies(),
        ceiling,
        TOO_MANY,
        securityLog);
  }

  /** The STLS listener's port. */
  public int port() {
    return listeners.port();
  }

  /** The implicit-TLS listener's port, or -1 when there is none. */
  public int tlsPort() {
    return listeners.tlsPort();
  }

  @Override
  public void close() {
    listeners.close();
    pools.close();
  }
}
