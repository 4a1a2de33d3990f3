package dev.mailvault.protocol.net;

import dev.mailvault.core.net.ConnectionCeiling;
import dev.mailvault.core.security.SecurityLog;
import io.netty.handler.ssl.SslContext;
import java.net.InetAddress;
import java.util.Set;

/**
 * What one listening port is: where it binds, whether TLS starts at once, and how a connection over
 * the server's ceiling is turned away (ADR 0175, 0191).
 *
 * @param protocol the protocol's name in errors and the security log ({@code imap}, {@code pop3})
 * @param bindAddress the address to bind, as configured
 * @param port the port, 0 for one the system picks
 * @param implicitTls whether TLS starts with the connection (RFC 8314 §3.3) rather than by command
 * @param tls the server context; null when the listener offers no TLS at all
 * @param trustedProxies the addresses whose PROXY protocol header is believed (ADR 0173)
 * @param ceiling shared by the protocol's listeners: it guards the machine, not a port
 * @param overCeiling the whole refusal line sent to a connection over the ceiling, CRLF included
 * @param securityLog where refusals are recorded
 */
public record ListenerSpec(
    String protocol,
    String bindAddress,
    int port,
    boolean implicitTls,
    SslContext tls,
    Set<InetAddress> trustedProxies,
    ConnectionCeiling ceiling,
    byte[] overCeiling,
    SecurityLog securityLog) {

  public ListenerSpec {
    if (implicitTls && tls == null) {
      throw new IllegalArgumentException("an implicit-TLS listener needs a TLS context");
    }
    trustedProxies = Set.copyOf(trustedProxies);
    overCeiling = overCeiling.clone();
  }

  /** The same listener on {@code port} with TLS from the first byte. */
  public ListenerSpec withImplicitTls(int port) {
    return new ListenerSpec(
        protocol, bindAddress, port, true, tls, trustedProxies, ceiling, overCeiling, securityLog);
  }

  @Override
  public byte[] overCeiling() {
    return overCeiling.clone();
  }
}
