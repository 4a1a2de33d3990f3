package dev.mailvault.cluster.rpc;

import dev.mailvault.cluster.ca.ClusterCa;
import dev.mailvault.cluster.ca.ClusterCaException;
import dev.mailvault.cluster.ca.Pem;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * This node's cluster identity, as {@code cluster join} installed it (ADR 0277): {@code node.pem},
 * {@code node.key} and {@code ca.pem}. Both TLS contexts speak TLS 1.3 only and trust {@code
 * ca.pem} alone: the server requires a client certificate that chains to it, the client presents
 * its own and checks the server's against it. No host name is checked: a peer is who its verified
 * certificate's CN says, whatever address it was reached at.
 */
public final class ClusterTls {

  static final List<String> PROTOCOLS = List.of("TLSv1.3");

  private final String nodeName;
  private final X509Certificate node;
  private final X509Certificate ca;
  private final PrivateKey key;
  private final SslContext server;
  private final SslContext client;

  private ClusterTls(X509Certificate node, X509Certificate ca, PrivateKey key) throws IOException {
    this.node = node;
    this.ca = ca;
    this.key = key;
    try {
      this.nodeName = ClusterCa.commonName(node);
    } catch (ClusterCaException e) {
      throw new IOException("the node certificate names no node", e);
    }
    try {
      this.server =
          SslContextBuilder.forServer(key, node)
              .sslProvider(SslProvider.JDK)
              .protocols(PROTOCOLS)
              .trustManager(ca)
              .clientAuth(ClientAuth.REQUIRE)
              .build();
      this.client =
          SslContextBuilder.forClient()
              .sslProvider(SslProvider.JDK)
              .protocols(PROTOCOLS)
              .keyManager(key, node)
              .trustManager(ca)
              .endpointIdentificationAlgorithm(null)
              .build();
    } catch (SSLException | IllegalArgumentException e) {
      throw new IOException("the cluster certificate and key cannot be used for TLS", e);
    }
  }

  /** Reads {@code clusterDir}; a missing or broken file is a one-line IOException. */
  public static ClusterTls load(Path clusterDir) throws IOException {
    Pem.Contents node = read(clusterDir.resolve(ClusterCa.NODE_CERT));
    Pem.Contents key = read(clusterDir.resolve(ClusterCa.NODE_KEY));
    Pem.Contents ca = read(clusterDir.resolve(ClusterCa.CA_CERT));
    if (node.certificates().size() != 1 || ca.certificates().size() != 1 || key.key() == null) {
      throw new IOException(
          clusterDir
              + ": expected one certificate in each of node.pem and ca.pem and a key in"
              + " node.key (run mailvault cluster join)");
    }
    return new ClusterTls(node.certificates().get(0), ca.certificates().get(0), key.key());
  }

  private static Pem.Contents read(Path file) throws IOException {
    try {
      return Pem.read(file);
    } catch (IOException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  /** This node's name, from its certificate's CN. */
  public String nodeName() {
    return nodeName;
  }

  /** For {@link RpcServer}: requires a client certificate chaining to the cluster CA. */
  public SslContext serverContext() {
    return server;
  }

  /** For {@link RpcClients}: presents this node's certificate, trusts the cluster CA only. */
  public SslContext clientContext() {
    return client;
  }

  X509Certificate nodeCertificate() {
    return node;
  }

  X509Certificate caCertificate() {
    return ca;
  }

  PrivateKey nodeKey() {
    return key;
  }
}
