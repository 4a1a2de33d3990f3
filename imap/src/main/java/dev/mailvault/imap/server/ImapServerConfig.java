package dev.mailvault.imap.server;

import dev.mailvault.core.auth.LoginThrottle;
import dev.mailvault.core.spam.SpamLearning;
import dev.mailvault.imap.session.ImapLimits;
import dev.mailvault.protocol.exec.LoginPoolSize;
import dev.mailvault.protocol.net.SessionDeadlines;
import io.netty.handler.ssl.SslContext;
import java.net.InetAddress;
import java.util.Set;

/**
 * Where and how the IMAP front-end listens.
 *
 * @param bindAddress the address to bind, e.g. {@code 0.0.0.0} or {@code 127.0.0.1}
 * @param port the STARTTLS port (1143 by default; 0 picks a free one)
 * @param tlsPort the implicit-TLS port (1993 by default; 0 picks one; -1 for none)
 * @param tls the server certificate and settings, or null for no TLS at all (tests only)
 * @param limits the protocol limits
 * @param throttle the failed-login policy
 * @param trustedProxies peers whose PROXY protocol header names the client (ADR 0173); empty: off
 * @param deadlines the login deadline, the pace of commands and the connection ceiling
 * @param loginPool the threads and queue of the pool logins derive keys on (ADR 0186)
 * @param spamLearning where messages the user moves into or out of Junk are learned (ADR 0255)
 */
public record ImapServerConfig(
    String bindAddress,
    int port,
    int tlsPort,
    SslContext tls,
    ImapLimits limits,
    LoginThrottle.Policy throttle,
    Set<InetAddress> trustedProxies,
    SessionDeadlines deadlines,
    LoginPoolSize loginPool,
    SpamLearning spamLearning) {

  /** With the given login pool and no spam learning. */
  public ImapServerConfig(
      String bindAddress,
      int port,
      int tlsPort,
      SslContext tls,
      ImapLimits limits,
      LoginThrottle.Policy throttle,
      Set<InetAddress> trustedProxies,
      SessionDeadlines deadlines,
      LoginPoolSize loginPool) {
    this(
        bindAddress,
        port,
        tlsPort,
        tls,
        limits,
        throttle,
        trustedProxies,
        deadlines,
        loginPool,
        SpamLearning.NONE);
  }

  /** With a login pool of one thread per core. */
  public ImapServerConfig(
      String bindAddress,
      int port,
      int tlsPort,
      SslContext tls,
      ImapLimits limits,
      LoginThrottle.Policy throttle,
      Set<InetAddress> trustedProxies,
      SessionDeadlines deadlines) {
    this(
        bindAddress,
        port,
        tlsPort,
        tls,
        limits,
        throttle,
        trustedProxies,
        deadlines,
        LoginPoolSize.forThisMachine());
  }

  public ImapServerConfig withLoginPool(LoginPoolSize size) {
    return new ImapServerConfig(
        bindAddress,
        port,
        tlsPort,
        tls,
        limits,
        throttle,
        trustedProxies,
        deadlines,
        size,
        spamLearning);
  }

  public ImapServerConfig withSpamLearning(SpamLearning learning) {
    return new ImapServerConfig(
        bindAddress,
        port,
        tlsPort,
        tls,
        limits,
        throttle,
        trustedProxies,
        deadlines,
        loginPool,
        learning);
  }

  /** Without PROXY protocol and with the default deadlines. */
  public ImapServerConfig(
      String bindAddress,
      int port,
      int tlsPort,
      SslContext tls,
      ImapLimits limits,
      LoginThrottle.Policy throttle) {
    this(bindAddress, port, tlsPort, tls, limits, throttle, Set.of(), SessionDeadlines.DEFAULTS);
  }
}
