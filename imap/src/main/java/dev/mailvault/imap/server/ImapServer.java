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
 * The IMAP front-end (issue 3): a STARTTLS listener and an implicit-TLS listener on the given event
 * loops, bootstrapped by the protocol runtime; commands run on a worker pool of their own so that
 * the event loops never wait on the directory or a vault (DESIGN §6).
 */
public final class ImapServer implements AutoCloseable {

  /** Over the server's ceiling: RFC 9051 §7.1.5 allows BYE as the greeting (ADR 0175). */
  private static final byte[] BYE_TOO_MANY =
      "* BYE Too many connections; try again later\r\n".getBytes(StandardCharsets.US_ASCII);

  private final SessionPools pools;
  private final ListenerPair listeners;

  private ImapServer(SessionPools pools, ListenerPair listeners) {
    this.pools = pools;
    this.listeners = listeners;
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
    return start(
        loops,
        config,
        directory,
        mail,
        securityLog,
        spillArea,
        new LoginThrottle(config.throttle(), Clock.systemUTC()));
  }

  /**
   * As above; failed logins count in {@code throttle}, which the node shares with POP3, so a
   * guesser gets one allowance per account and network whichever protocol it uses (ADR 0171).
   *
   * @throws IOException when a port cannot be bound; nothing stays open then
   */
  public static ImapServer start(
      EventLoopGroup loops,
      ImapServerConfig config,
      Directory directory,
      MailAccess mail,
      SecurityLog securityLog,
      SpillArea spillArea,
      LoginThrottle throttle)
      throws IOException, InterruptedException {
    SessionPools pools = SessionPools.withLogins("imap", config.loginPool());
    ImapServices services =
        new ImapServices(
            directory,
            mail,
            config.limits(),
            throttle,
            securityLog,
            pools.commands(),
            pools.logins(),
            pools.timers(),
            new RecentClaims(),
            config.spamLearning());
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
      return new ImapServer(
          pools,
          ListenerPair.bind(loops, spec(config, ceiling, securityLog), config.tlsPort(), setup));
    } catch (IOException | InterruptedException | RuntimeException e) {
      pools.close();
      throw e;
    }
  }

  private static ListenerSpec spec(
      ImapServerConfig config, ConnectionCeiling ceiling, SecurityLog securityLog) {
    return new ListenerSpec(
        "imap",
        config.bindAddress(),
        config.port(),
        false,
        config.tls(),
        config.trustedProxies(),
        ceiling,
        BYE_TOO_MANY,
        securityLog);
  }

  /** The STARTTLS listener's port. */
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
