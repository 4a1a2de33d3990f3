package dev.mailvault.server.tls;

import io.netty.handler.ssl.SslContext;

/**
 * The context every listener holds, whose certificate can be replaced while the node runs (ADR
 * 0197): each new handshake takes the context current at that moment; a connection keeps the engine
 * it was given, so replacing the certificate drops nobody.
 */
final class ReloadableSslContext extends ForwardingSslContext {

  private volatile SslContext current;

  ReloadableSslContext(SslContext first) {
    this.current = first;
  }

  @Override
  SslContext delegate() {
    return current;
  }

  /** New handshakes use {@code next} from now on. */
  void replace(SslContext next) {
    current = next;
  }
}
