package dev.mailvault.smtp.server;

import dev.mailvault.core.access.MailDelivery;
import dev.mailvault.core.net.ConnectionCeiling;
import dev.mailvault.core.security.SecurityLog;
import dev.mailvault.core.spam.SpamLearning;
import dev.mailvault.core.spill.SpillArea;
import dev.mailvault.directory.Directory;
import dev.mailvault.protocol.exec.SessionPools;
import dev.mailvault.protocol.net.ConnectionLimiter;
import dev.mailvault.protocol.net.ListenerPair;
import dev.mailvault.protocol.net.ListenerSpec;
import dev.mailvault.smtp.codec.SmtpReply;
import dev.mailvault.smtp.session.InboundAuthentication;
import dev.mailvault.smtp.session.MxForwarding;
import dev.mailvault.smtp.session.SmtpServices;
import dev.mailvault.smtp.session.SpamFilter;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

/**
 * The SMTP MX (issue 4): one listener on the given event loops, bootstrapped by the protocol
 * runtime; sessions run on a worker pool of their own so the event loops never wait on the
 * directory or a delivery (DESIGN §6).
 */
public final class SmtpServer implements AutoCloseable {

  private final SessionPools pools;
  private final ListenerPair listener;

  private SmtpServer(SessionPools pools, ListenerPair listener) {
    this.pools = pools;
    this.listener = listener;
  }

  /**
   * Binds the listener.
   *
   * @throws IOException when the port cannot be bound; nothing stays open then
   */
  public static SmtpServer start(
      EventLoopGroup loops,
      SmtpServerConfig config,
      Directory directory,
      MailDelivery delivery,
      SecurityLog securityLog)
      throws IOException, InterruptedException {
    return start(loops, config, directory, delivery, securityLog, SpillArea.inMemory());
  }

  /**
   * Binds the listener; message octets are kept in {@code spillArea} and take their bytes from its
   * budget, which the node shares with IMAP (ADR 0165, 0166).
   */
  public static SmtpServer start(
      EventLoopGroup loops,
      SmtpServerConfig config,
      Directory directory,
      MailDelivery delivery,
      SecurityLog securityLog,
      SpillArea spillArea)
      throws IOException, InterruptedException {
    return start(loops, config, directory, delivery, securityLog, spillArea, Optional.empty());
  }

  /**
   * Binds the listener; each complete message is first checked by {@code authentication} (SPF,
   * DKIM, DMARC and the Authentication-Results field, ADR 0206) when one is given.
   */
  public static SmtpServer start(
      EventLoopGroup loops,
      SmtpServerConfig config,
      Directory directory,
      MailDelivery delivery,
      SecurityLog securityLog,
      SpillArea spillArea,
      Optional<InboundAuthentication> authentication)
      throws IOException, InterruptedException {
    return start(
        loops,
        config,
        directory,
        delivery,
        securityLog,
        spillArea,
        authentication,
        Optional.empty());
  }

  /**
   * Binds the listener; aliases that forward hand their copies to {@code forwarding}'s queue (issue
   * 15, ADR 0240) when one is given.
   */
  public static SmtpServer start(
      EventLoopGroup loops,
      SmtpServerConfig config,
      Directory directory,
      MailDelivery delivery,
      SecurityLog securityLog,
      SpillArea spillArea,
      Optional<InboundAuthentication> authentication,
      Optional<MxForwarding> forwarding)
      throws IOException, InterruptedException {
    return start(
        loops,
        config,
        directory,
        delivery,
        securityLog,
        spillArea,
        authentication,
        forwarding,
        Optional.empty(),
        SpamLearning.NONE);
  }

  /**
   * Binds the listener; each message is checked by {@code spam}'s rspamd before the reply (issue
   * 16, ADR 0254) when one is given, and a Sieve rule's filing into Junk is learned by {@code
   * learning} (ADR 0255).
   */
  public static SmtpServer start(
      EventLoopGroup loops,
      SmtpServerConfig config,
      Directory directory,
      MailDelivery delivery,
      SecurityLog securityLog,
      SpillArea spillArea,
      Optional<InboundAuthentication> authentication,
      Optional<MxForwarding> forwarding,
      Optional<SpamFilter> spam,
      SpamLearning learning)
      throws IOException, InterruptedException {
    SessionPools pools = SessionPools.commandsOnly("smtp");
    SmtpServices services =
        new SmtpServices(
            config.hostname(),
            config.limits(),
            directory,
            delivery,
            securityLog,
            Clock.systemUTC(),
            config.postmaster(),
            spillArea,
            authentication,
            forwarding,
            spam,
            learning);
    ConnectionLimiter limiter = new ConnectionLimiter(config.limits().connectionsPerIp());
    ListenerSpec spec =
        new ListenerSpec(
            "smtp",
            config.bindAddress(),
            config.port(),
            false,
            config.tls(),
            config.trustedProxies(),
            new ConnectionCeiling(config.deadlines().maxConnections()),
            // RFC 5321 §3.1: 421 at the opening; RFC 3463 X.3.2, system not accepting network
            // messages (ADR 0175)
            SmtpReply.of(421, "4.3.2", config.hostname() + " Too many connections; try again later")
                .encode(),
            securityLog);
    try {
      // No implicit-TLS port: the MX takes STARTTLS only (RFC 3207).
      return new SmtpServer(
          pools,
          ListenerPair.bind(
              loops,
              spec,
              -1,
              (channel, implicitTls) ->
                  channel
                      .pipeline()
                      .addLast(
                          "smtp",
                          new SmtpConnection(
                              services,
                              config.tls(),
                              limiter,
                              pools.commands(),
                              config.deadlines().dataPace()))));
    } catch (IOException | InterruptedException | RuntimeException e) {
      pools.close();
      throw e;
    }
  }

  public int port() {
    return listener.port();
  }

  @Override
  public void close() {
    listener.close();
    pools.close();
  }
}
