package dev.mailvault.smtp.server;

import dev.mailvault.core.auth.LoginThrottle;
import dev.mailvault.core.net.ConnectionCeiling;
import dev.mailvault.core.outbound.Outbox;
import dev.mailvault.core.security.SecurityLog;
import dev.mailvault.core.spill.SpillArea;
import dev.mailvault.directory.Directory;
import dev.mailvault.protocol.exec.SessionPools;
import dev.mailvault.protocol.net.ConnectionLimiter;
import dev.mailvault.protocol.net.ListenerPair;
import dev.mailvault.protocol.net.ListenerSpec;
import dev.mailvault.smtp.codec.SmtpReply;
import dev.mailvault.smtp.session.SmtpServices;
import dev.mailvault.smtp.session.SubmissionServices;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.time.Clock;

/**
 * Message submission (RFC 6409, issue 13): a STARTTLS listener and an implicit-TLS one (RFC 8314
 * §3.3), bound by the protocol runtime like POP3's pair, on the MX's codec and session with
 * submission's command table (ADR 0203). Sessions run on worker pools of their own, logins on a
 * login pool, so the event loops never wait on the directory, an Argon2id or the outbox.
 */
public final class SubmissionServer implements AutoCloseable {

  private final SessionPools pools;
  private final ListenerPair listeners;

  private SubmissionServer(SessionPools pools, ListenerPair listeners) {
    this.pools = pools;
    this.listeners = listeners;
  }

  /**
   * Binds the listeners. Failed logins count in {@code throttle}, which the node shares with IMAP
   * and POP3; accepted messages go to {@code outbox}.
   *
   * @throws IOException when a port cannot be bound; nothing stays open then
   */
  public static SubmissionServer start(
      EventLoopGroup loops,
      SubmissionServerConfig config,
      Directory directory,
      Outbox outbox,
      SecurityLog securityLog,
      LoginThrottle throttle,
      SpillArea spillArea,
      Clock clock)
      throws IOException, InterruptedException {
    SessionPools pools = SessionPools.withLogins("submission", config.loginPool());
    SmtpServices services =
        SmtpServices.submission(
            config.hostname(),
            config.limits(),
            new SubmissionServices(
                directory,
                outbox,
                throttle,
                pools.logins(),
                pools.timers(),
                config.submission(),
                clock),
            securityLog,
            clock,
            spillArea);
    ConnectionLimiter limiter = new ConnectionLimiter(config.limits().connectionsPerIp());
    ListenerSpec spec =
        new ListenerSpec(
            "submission",
            config.bindAddress(),
            config.port(),
            false,
            config.tls(),
            config.trustedProxies(),
            // One ceiling for both listeners: it guards the machine, not a port (ADR 0175).
            new ConnectionCeiling(config.deadlines().maxConnections()),
            SmtpReply.of(421, "4.3.2", config.hostname() + " Too many connections; try again later")
                .encode(),
            securityLog);
    try {
      return new SubmissionServer(
          pools,
          ListenerPair.bind(
              loops,
              spec,
              config.tlsPort(),
              (channel, implicitTls) ->
                  channel
                      .pipeline()
                      .addLast(
                          "submission",
                          new SmtpConnection(
                              services,
                              config.tls(),
                              limiter,
                              pools.commands(),
                              config.deadlines().dataPace(),
                              implicitTls))));
    } catch (IOException | InterruptedException | RuntimeException e) {
      pools.close();
      throw e;
    }
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
