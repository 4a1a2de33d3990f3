package dev.mailvault.sieve.server;

import dev.mailvault.protocol.exec.LoginPoolSize;
import dev.mailvault.protocol.net.SessionDeadlines;
import dev.mailvault.sieve.session.ManageSieveLimits;
import io.netty.handler.ssl.SslContext;
import java.net.InetAddress;
import java.util.Set;

/**
 * Where and how the ManageSieve front-end listens (RFC 5804; ADR 0248).
 *
 * @param bindAddress the address to bind
 * @param port the port (4190 by default; 0 picks a free one)
 * @param tls the server certificate and settings for STARTTLS, or null for none (tests only)
 * @param limits the session limits
 * @param trustedProxies peers whose PROXY protocol header names the client (ADR 0173); empty: off
 * @param deadlines the login deadline, the pace of requests and the connection ceiling
 * @param loginPool the threads and queue of the pool logins derive keys on (ADR 0186)
 */
public record ManageSieveServerConfig(
    String bindAddress,
    int port,
    SslContext tls,
    ManageSieveLimits limits,
    Set<InetAddress> trustedProxies,
    SessionDeadlines deadlines,
    LoginPoolSize loginPool) {

  public ManageSieveServerConfig {
    trustedProxies = Set.copyOf(trustedProxies);
  }
}
