package dev.mailvault.pop3.server;

import dev.mailvault.core.auth.LoginThrottle;
import dev.mailvault.pop3.session.Pop3Limits;
import dev.mailvault.protocol.exec.LoginPoolSize;
import dev.mailvault.protocol.net.SessionDeadlines;
import io.netty.handler.ssl.SslContext;
import java.net.InetAddress;
import java.util.Set;

/**
 * Where and how the POP3 front-end listens.
 *
 * @param bindAddress the address to bind
 * @param port the STLS port (1110 by default; 0 picks a free one)
 * @param tlsPort the implicit-TLS port (1995 by default; 0 picks one; -1 for none)
 * @param tls the server certificate and settings, or null for no TLS at all (tests only)
 * @param limits the session limits
 * @param throttle the failed-login policy, the same object IMAP is given
 * @param trustedProxies peers whose PROXY protocol header names the client (ADR 0173); empty: off
 * @param deadlines the login deadline, the pace of lines and the connection ceiling
 * @param loginPool the threads and queue of the pool logins derive keys on (ADR 0186)
 */
public record Pop3ServerConfig(
    String bindAddress,
    int port,
    int tlsPort,
    SslContext tls,
    Pop3Limits limits,
    LoginThrottle.Policy throttle,
    Set<InetAddress> trustedProxies,
    SessionDeadlines deadlines,
    LoginPoolSize loginPool) {

  public Pop3ServerConfig {
    trustedProxies = Set.copyOf(trustedProxies);
  }
}
