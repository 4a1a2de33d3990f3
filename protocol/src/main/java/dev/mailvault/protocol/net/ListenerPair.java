package dev.mailvault.protocol.net;

import io.netty.channel.EventLoopGroup;
import java.io.IOException;

/**
 * A protocol's ports (ADR 0191): the one where TLS starts by command (or never), and, when TLS is
 * configured and a port is given, the implicit-TLS one beside it (RFC 8314 §3.3), both with the
 * same handlers and the same ceiling.
 */
public final class ListenerPair implements AutoCloseable {

  private final ProtocolListener plain;
  private final ProtocolListener implicitTls;

  private ListenerPair(ProtocolListener plain, ProtocolListener implicitTls) {
    this.plain = plain;
    this.implicitTls = implicitTls;
  }

  /**
   * Binds {@code spec}'s port, then {@code tlsPort} with implicit TLS when the spec has a TLS
   * context and {@code tlsPort} is not negative.
   *
   * @throws IOException when a port cannot be bound; nothing stays open then
   */
  public static ListenerPair bind(
      EventLoopGroup loops, ListenerSpec spec, int tlsPort, ConnectionSetup setup)
      throws IOException, InterruptedException {
    ProtocolListener plain = ProtocolListener.bind(loops, spec, setup);
    if (tlsPort < 0 || spec.tls() == null) {
      return new ListenerPair(plain, null);
    }
    try {
      return new ListenerPair(
          plain, ProtocolListener.bind(loops, spec.withImplicitTls(tlsPort), setup));
    } catch (IOException | InterruptedException | RuntimeException e) {
      plain.close();
      throw e;
    }
  }

  /** The first port (STARTTLS or plain). */
  public int port() {
    return plain.port();
  }

  /** The implicit-TLS port, or -1 when there is none. */
  public int tlsPort() {
    return implicitTls == null ? -1 : implicitTls.port();
  }

  @Override
  public void close() {
    plain.close();
    if (implicitTls != null) {
      implicitTls.close();
    }
  }
}
