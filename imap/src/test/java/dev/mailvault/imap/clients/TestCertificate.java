package dev.mailvault.imap.clients;

import dev.mailvault.imap.server.LiveImapServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/** The live server's self-signed certificate, in the forms the clients want it. */
final class TestCertificate {

  private TestCertificate() {}

  /** Writes the certificate as PEM (what curl, Python, mbsync and Node read) into {@code dir}. */
  static Path writePem(Path dir) throws IOException, GeneralSecurityException {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(LiveImapServer.certificate().getEncoded());
    Path pem = dir.resolve("server-cert.pem");
    Files.writeString(
        pem,
        "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n",
        StandardCharsets.US_ASCII);
    return pem;
  }

  /** A socket factory that trusts exactly the test certificate, for Java clients. */
  static SSLSocketFactory socketFactory() throws GeneralSecurityException, IOException {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("mailvault-test", LiveImapServer.certificate());
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context.getSocketFactory();
  }
}
