package dev.mailvault.smtp.server;

import dev.mailvault.smtp.session.SmtpLimits;
import io.netty.handler.ssl.SslContext;

/**
 * Where and how the MX listens.
 *
 * @param bindAddress the address to bind, e.g. {@code 0.0.0.0} or {@code 127.0.0.1}
 * @param port the port (2525 by default; 0 picks a free one)
 * @param hostname this server's name in the greeting and in Received fields
 * @param tls the certificate for STARTTLS, or null to offer no STARTTLS
 * @param limits the protocol limits
 * @param deadlines the pace of message data and the connection ceiling
 */
public record SmtpServerConfig(
    String bindAddress,
    int port,
    String hostname,
    SslContext tls,
    SmtpLimits limits,
    SmtpDeadlines deadlines) {

  /** With the default deadlines. */
  public SmtpServerConfig(
      String bindAddress, int port, String hostname, SslContext tls, SmtpLimits limits) {
    this(bindAddress, port, hostname, tls, limits, SmtpDeadlines.DEFAULTS);
  }

  public static final int DEFAULT_PORT = 2525;
}
