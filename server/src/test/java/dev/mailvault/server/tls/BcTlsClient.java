package dev.mailvault.server.tls;

import java.net.Socket;
import java.security.KeyStore;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.BCSSLParameters;
import org.bouncycastle.jsse.BCSSLSocket;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;

/**
 * A TLS 1.3 client on Bouncy Castle's JSSE that offers exactly the groups it is given and trusts
 * exactly one certificate, checking the name it dialled (RFC 6125). Offering one group only makes a
 * completed handshake proof that the server used that group: TLS 1.3 has no key exchange outside
 * the client's supported_groups (RFC 8446 §4.2.7).
 */
final class BcTlsClient {

  private static final Provider JSSE = new BouncyCastleJsseProvider(new BouncyCastleProvider());

  private final SSLContext context;

  BcTlsClient(X509Certificate trusted) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("mailvault", trusted);
    TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX", JSSE);
    factory.init(trust);
    context = SSLContext.getInstance("TLS", JSSE);
    context.init(null, factory.getTrustManagers(), new SecureRandom());
  }

  /**
   * Starts TLS over {@code plain} (implicit TLS, or after STARTTLS) and completes the handshake.
   */
  SSLSocket handshake(Socket plain, String... groups) throws Exception {
    SSLSocket socket =
        (SSLSocket)
            context.getSocketFactory().createSocket(plain, "127.0.0.1", plain.getPort(), true);
    BCSSLSocket bc = (BCSSLSocket) socket;
    BCSSLParameters parameters = bc.getParameters();
    parameters.setProtocols(new String[] {"TLSv1.3"});
    parameters.setNamedGroups(groups);
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    bc.setParameters(parameters);
    socket.startHandshake();
    return socket;
  }
}
