package dev.mailvault.smtp.server;

import dev.mailvault.core.address.EmailAddress;
import dev.mailvault.smtp.session.SmtpLimits;
import io.netty.handler.ssl.SslContext;
import java.net.InetAddress;
import java.util.Optional;
import java.util.Set;

/**
 * Where and how the MX listens.
 *
 * @param bindAddress the address to bind, e.g. {@code 0.0.0.0} or {@code 127.0.0.1}
 * @param port the port (2525 by default; 0 picks a free one)
 * @param hostname this server's name in the greeting and in Received fields
 * @param tls the certificate for STARTTLS, or null to offer no STARTTLS
 * @param limits the protocol limits
 * @param trustedProxies peers whose PROXY protocol header names the client (ADR 0173); empty: off
 * @param deadlines the pace of message data and the connection ceiling
 * @param postmaster the alias that receives postmaster mail; empty for the oldest alias (ADR 0178)
 */
public record SmtpServerConfig(
    String bindAddress,
    int port,
    String hostname,
    SslContext tls,
    SmtpLimits limits,
    Set<InetAddress> trustedProxies,
    SmtpDeadlines deadlines,
    Optional<EmailAddress> postmaster) {

  /** Without PROXY protocol, with the default deadlines and postmaster. */
  public SmtpServerConfig(
      String bindAddress, int port, String hostname, SslContext tls, SmtpLimits limits) {
    this(
        bindAddress,
        port,
        hostname,
        tls,
        limits,
        Set.of(),
        SmtpDeadlines.DEFAULTS,
        Optional.empty());
  }

  public static final int DEFAULT_PORT = 2525;
}
