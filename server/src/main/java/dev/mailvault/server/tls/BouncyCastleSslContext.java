package dev.mailvault.server.tls;

import io.netty.handler.ssl.SslContext;
import javax.net.ssl.SSLEngine;
import org.bouncycastle.jsse.BCSSLEngine;
import org.bouncycastle.jsse.BCSSLParameters;

/**
 * Netty's JDK context over Bouncy Castle's JSSE, with the configured key exchange groups set on
 * every engine. Netty has no option for groups on a JDK-style provider, and Bouncy Castle otherwise
 * reads them from the JVM-wide {@code jdk.tls.namedGroups} property, which the JDK's own provider
 * reads too; per-engine parameters keep the choice to the listeners.
 */
final class BouncyCastleSslContext extends ForwardingSslContext {

  private final SslContext delegate;
  private final String[] groups;

  BouncyCastleSslContext(SslContext delegate, TlsGroups groups) {
    this.delegate = delegate;
    this.groups = groups.forBouncyCastle();
  }

  @Override
  SslContext delegate() {
    return delegate;
  }

  @Override
  SSLEngine configure(SSLEngine engine) {
    BCSSLEngine bc = (BCSSLEngine) engine;
    BCSSLParameters parameters = bc.getParameters();
    parameters.setNamedGroups(groups.clone());
    // The server's order decides, so X25519MLKEM768 wins whenever the client offers it.
    parameters.setUseNamedGroupsOrder(true);
    bc.setParameters(parameters);
    return engine;
  }
}
