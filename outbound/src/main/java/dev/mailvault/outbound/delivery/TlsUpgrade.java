package dev.mailvault.outbound.delivery;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.xbill.DNS.TLSARecord;

/**
 * Turns a connection into TLS after STARTTLS (RFC 3207 §4), checking the server's certificate as
 * the host's {@link TlsRequirement} says: not at all (opportunistic), against the trust store and
 * the MX host name (MTA-STS, REQUIRETLS), or against TLSA records (DANE).
 */
final class TlsUpgrade {

  private final SSLContext opportunistic;
  private final SSLContext pkix;

  /** {@code trustStore}: the CAs for PKIX checks; empty for the JDK's own. */
  TlsUpgrade(Optional<KeyStore> trustStore) throws GeneralSecurityException {
    this.opportunistic = context(new AcceptingTrustManager());
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trustStore.orElse(null));
    this.pkix = SSLContext.getInstance("TLS");
    pkix.init(null, factory.getTrustManagers(), null);
  }

  SSLContext pkixContext() {
    return pkix;
  }

  /**
   * Wraps {@code plain} and completes the handshake.
   *
   * @throws IOException when the handshake fails or the certificate does not pass
   */
  SSLSocket upgrade(Socket plain, TlsRequirement requirement, int port) throws IOException {
    SSLContext context =
        switch (requirement.mode()) {
          case OPPORTUNISTIC -> opportunistic;
          case PKIX -> pkix;
          case DANE -> danish(requirement.tlsa(), requirement.hostName());
        };
    // The host name as peer host sends it as SNI (RFC 7672 §8.1 asks for it under DANE).
    SSLSocket tls =
        (SSLSocket)
            context.getSocketFactory().createSocket(plain, requirement.hostName(), port, true);
    SSLParameters parameters = tls.getSSLParameters();
    if (requirement.mode() == TlsRequirement.Mode.PKIX) {
      // RFC 8461 §4.1: the certificate must be valid for the MX host name (RFC 6125 matching).
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
    }
    tls.setSSLParameters(parameters);
    tls.setUseClientMode(true);
    tls.startHandshake();
    return tls;
  }

  private static SSLContext danish(List<TLSARecord> records, String hostName) {
    try {
      return context(new DaneTrustManager(records, hostName));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no TLS context", e);
    }
  }

  private static SSLContext context(TrustManager trustManager) throws GeneralSecurityException {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {trustManager}, null);
    return context;
  }

  /**
   * A client's trust manager that judges a server's chain by {@link #check} alone, whichever way
   * the handshake asks, and never trusts a client.
   */
  private abstract static class ServerChainCheck extends X509ExtendedTrustManager {

    abstract void check(X509Certificate[] chain) throws CertificateException;

    @Override
    public final void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      check(chain);
    }

    @Override
    public final void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      check(chain);
    }

    @Override
    public final void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      check(chain);
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("a client never checks clients");
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      throw new CertificateException("a client never checks clients");
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      throw new CertificateException("a client never checks clients");
    }

    @Override
    public final X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  /** Opportunistic TLS: any certificate (RFC 7435 §1.3; RFC 3207 §4.1 allows it). */
  private static final class AcceptingTrustManager extends ServerChainCheck {
    @Override
    void check(X509Certificate[] chain) {}
  }

  /** DANE: the chain must match one of the TLSA records ({@link DaneMatcher}). */
  private static final class DaneTrustManager extends ServerChainCheck {
    private final List<TLSARecord> records;
    private final String hostName;

    DaneTrustManager(List<TLSARecord> records, String hostName) {
      this.records = records;
      this.hostName = hostName;
    }

    @Override
    void check(X509Certificate[] chain) throws CertificateException {
      if (!DaneMatcher.matches(records, chain, hostName)) {
        throw new CertificateException("the certificate matches no TLSA record (RFC 7672 §3)");
      }
    }
  }
}
