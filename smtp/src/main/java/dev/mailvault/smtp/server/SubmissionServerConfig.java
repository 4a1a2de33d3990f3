package dev.mailvault.smtp.server;

import dev.mailvault.protocol.exec.LoginPoolSize;
import dev.mailvault.smtp.session.SmtpLimits;
import dev.mailvault.smtp.session.SubmissionLimits;
import io.netty.handler.ssl.SslContext;
import java.net.InetAddress;
import java.util.Set;

/**
 * Where and how submission listens (RFC 6409, RFC 8314).
 *
 * @param bindAddress the address to bind
 * @param port the STARTTLS port (2587 by default; 0 picks a free one)
 * @param tlsPort the implicit-TLS port (2465 by default; 0 picks a free one, -1 for none)
 * @param hostname this server's name in the greeting, Message-ID and Received fields
 * @param tls the certificate for STARTTLS and the implicit-TLS port; null for neither (then only
 *     loopback clients may log in)
 * @param limits size, recipients, timeouts and connections, as the MX has them
 * @param submission the hourly count and the Received setting
 * @param trustedProxies peers whose PROXY protocol header names the client (ADR 0173)
 * @param deadlines the pace of message data and the connection ceiling
 * @param loginPool the threads a login's Argon2id runs on (ADR 0186)
 */
public record SubmissionServerConfig(
    String bindAddress,
    int port,
    int tlsPort,
    String hostname,
    SslContext tls,
    SmtpLimits limits,
    SubmissionLimits submission,
    Set<InetAddress> trustedProxies,
    SmtpDeadlines deadlines,
    LoginPoolSize loginPool) {

  public static final int DEFAULT_PORT = 2587;
  public static final int DEFAULT_TLS_PORT = 2465;
}
