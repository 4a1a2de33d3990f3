package dev.mailvault.outbound.testing;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority for tests (BouncyCastle): it issues server certificates for host names,
 * which a Postfix peer or an MTA-STS policy server presents, and is the trust store a client checks
 * them against. Certificates are valid from a day before now for ten years, so no test depends on
 * the date.
 */
public final class TestCa {

  private static final AtomicLong SERIAL = new AtomicLong(1);

  private final KeyPair key;
  private final X509Certificate certificate;

  private TestCa(KeyPair key, X509Certificate certificate) {
    this.key = key;
    this.certificate = certificate;
  }

  public static TestCa create(String name) throws GeneralSecurityException {
    KeyPair key = ecKey();
    X500Name subject = new X500Name("CN=" + name);
    try {
      JcaX509v3CertificateBuilder builder = builder(subject, subject, key);
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      return new TestCa(key, sign(builder, key.getPrivate()));
    } catch (IOException | OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  /** A server certificate for {@code dnsNames} (the first is also the CN), signed by this CA. */
  public Issued issue(String... dnsNames) throws GeneralSecurityException {
    KeyPair serverKey = ecKey();
    try {
      JcaX509v3CertificateBuilder builder =
          builder(
              new X500Name(certificate.getSubjectX500Principal().getName()),
              new X500Name("CN=" + dnsNames[0]),
              serverKey);
      GeneralName[] names = new GeneralName[dnsNames.length];
      for (int i = 0; i < dnsNames.length; i++) {
        names[i] = new GeneralName(GeneralName.dNSName, dnsNames[i]);
      }
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      return new Issued(serverKey.getPrivate(), sign(builder, key.getPrivate()), certificate);
    } catch (IOException | OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /** A trust store holding only this CA. */
  public KeyStore trustStore() throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("test-ca", certificate);
    return store;
  }

  private static KeyPair ecKey() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static JcaX509v3CertificateBuilder builder(
      X500Name issuer, X500Name subject, KeyPair key) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(
        issuer,
        BigInteger.valueOf(SERIAL.getAndIncrement()),
        Date.from(now.minus(1, ChronoUnit.DAYS)),
        Date.from(now.plus(3650, ChronoUnit.DAYS)),
        subject,
        key.getPublic());
  }

  private static X509Certificate sign(JcaX509v3CertificateBuilder builder, PrivateKey signer)
      throws OperatorCreationException, GeneralSecurityException {
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
  }

  /** A certificate issued by the CA, with its private key. */
  public record Issued(PrivateKey key, X509Certificate certificate, X509Certificate ca) {

    /** The chain a server presents: the certificate, then the CA (for DANE-TA). */
    public X509Certificate[] chain() {
      return new X509Certificate[] {certificate, ca};
    }

    /** One PEM file with the key, the certificate and the CA: Postfix's smtpd_tls_chain_files. */
    public void writePem(Path file) throws IOException, GeneralSecurityException {
      StringBuilder pem = new StringBuilder();
      pem.append(pem("PRIVATE KEY", key.getEncoded()));
      pem.append(pem("CERTIFICATE", certificate.getEncoded()));
      pem.append(pem("CERTIFICATE", ca.getEncoded()));
      Files.writeString(file, pem, StandardCharsets.US_ASCII);
    }

    /** A server-side TLS context presenting this certificate. */
    public SSLContext serverContext() throws GeneralSecurityException, IOException {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      char[] password = "test".toCharArray();
      store.setKeyEntry("server", key, password, chain());
      KeyManagerFactory factory =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(store, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(factory.getKeyManagers(), null, null);
      return context;
    }

    private static String pem(String type, byte[] der) {
      return "-----BEGIN "
          + type
          + "-----\n"
          + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
          + "\n-----END "
          + type
          + "-----\n";
    }
  }
}
