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
import dev.mailvault.protocol.exec.WorkerPools;
import dev.mailvault.protocol.net.ConnectionLimiter;
import dev.mailvault.protocol.net.ConnectionSetup;
import dev.mailvault.protocol.net.ListenerSpec;
import dev.mailvault.protocol.net.ProtocolListener;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.timeout.IdleStateHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
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

  private final List<ProtocolListener> listeners = new ArrayList<>();
  private final ExecutorService workers;
  private final ExecutorService logins;
  private final ScheduledExecutorService timers;

  private Pop3Server(
      ExecutorService workers, ExecutorService logins, ScheduledExecutorService timers) {
    this.workers = workers;
    this.logins = logins;
    this.timers = timers;
  }

  /**
   * Binds the listeners.
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
    Pop3Server server =
        new Pop3Server(
            WorkerPools.commands("pop3"),
            WorkerPools.logins("pop3", config.loginPool()),
            WorkerPools.timers("pop3"));
    Pop3Services services =
        new Pop3Services(
            directory,
            mail,
            config.limits(),
            new LoginThrottle(config.throttle(), Clock.systemUTC()),
            securityLog,
            server.workers,
            server.logins,
            server.timers);
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
      server.listeners.add(
          ProtocolListener.bind(
              loops, spec(config, config.port(), false, ceiling, securityLog), setup));
      if (config.tlsPort() >= 0 && config.tls() != null) {
        server.listeners.add(
            ProtocolListener.bind(
                loops, spec(config, config.tlsPort(), true, ceiling, securityLog), setup));
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  private static ListenerSpec spec(
      Pop3ServerConfig config,
      int port,
      boolean implicitTls,
      ConnectionCeiling ceiling,
      SecurityLog securityLog) {
    return new ListenerSpec(
        "pop3",
        config.bindAddress(),
        port,
        implicitTls,
        config.tls(),
        config.trustedProxies(),
        ceiling,
        TOO_MANY,
        securityLog);
  }

  /** The STLS listener's port. */
  public int port() {
    return listeners.get(0).port();
  }

  /** The implicit-TLS listener's port, or -1 when there is none. */
  public int tlsPort() {
    return listeners.size() > 1 ? listeners.get(1).port() : -1;
  }

  @Override
  public void close() {
    for (ProtocolListener listener : listeners) {
      listener.close();
    }
    timers.shutdownNow();
    logins.shutdown();
    workers.shutdown();
  }
}
