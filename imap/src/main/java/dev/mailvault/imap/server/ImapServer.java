package dev.mailvault.imap.server;

import dev.mailvault.core.access.MailAccess;
import dev.mailvault.core.auth.LoginThrottle;
import dev.mailvault.core.net.ConnectionCeiling;
import dev.mailvault.core.security.SecurityLog;
import dev.mailvault.core.spill.SpillArea;
import dev.mailvault.directory.Directory;
import dev.mailvault.imap.handler.ImapCommands;
import dev.mailvault.imap.session.CommandTable;
import dev.mailvault.imap.session.ImapServices;
import dev.mailvault.imap.session.RecentClaims;
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
 * The IMAP front-end (issue 3): a STARTTLS listener and an implicit-TLS listener on the given event
 * loops, bootstrapped by the protocol runtime; commands run on a worker pool of their own so that
 * the event loops never wait on the directory or a vault (DESIGN §6).
 */
public final class ImapServer implements AutoCloseable {

  /** Over the server's ceiling: RFC 9051 §7.1.5 allows BYE as the greeting (ADR 0175). */
  private static final byte[] BYE_TOO_MANY =
      "* BYE Too many connections; try again later\r\n".getBytes(StandardCharsets.US_ASCII);

  private final List<ProtocolListener> listeners = new ArrayList<>();
  private final ExecutorService workers;
  private final ExecutorService logins;
  private final ScheduledExecutorService timers;

  private ImapServer(
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
  public static ImapServer start(
      EventLoopGroup loops,
      ImapServerConfig config,
      Directory directory,
      MailAccess mail,
      SecurityLog securityLog)
      throws IOException, InterruptedException {
    return start(loops, config, directory, mail, securityLog, SpillArea.inMemory());
  }

  /**
   * Binds the listeners; literals are kept in {@code spillArea} and take their bytes from its
   * budget, which the node shares with SMTP (ADR 0165, 0166).
   *
   * @throws IOException when a port cannot be bound; nothing stays open then
   */
  public static ImapServer start(
      EventLoopGroup loops,
      ImapServerConfig config,
      Directory directory,
      MailAccess mail,
      SecurityLog securityLog,
      SpillArea spillArea)
      throws IOException, InterruptedException {
    ImapServer server =
        new ImapServer(
            WorkerPools.commands("imap"),
            WorkerPools.logins("imap", config.loginPool()),
            WorkerPools.timers("imap"));
    ImapServices services =
        new ImapServices(
            directory,
            mail,
            config.limits(),
            new LoginThrottle(config.throttle(), Clock.systemUTC()),
            securityLog,
            server.workers,
            server.logins,
            server.timers,
            new RecentClaims());
    CommandTable table = ImapCommands.table(config.limits().appendLimit());
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
                    "imap",
                    new ImapConnection(
                        services,
                        table,
                        config.tls(),
                        limiter,
                        implicitTls,
                        config.deadlines(),
                        spillArea));
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
      ImapServerConfig config,
      int port,
      boolean implicitTls,
      ConnectionCeiling ceiling,
      SecurityLog securityLog) {
    return new ListenerSpec(
        "imap",
        config.bindAddress(),
        port,
        implicitTls,
        config.tls(),
        config.trustedProxies(),
        ceiling,
        BYE_TOO_MANY,
        securityLog);
  }

  /** The STARTTLS listener's port. */
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
