package dev.mailvault.server.tls;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes the self-signed server certificate used when the operator configured none: RSA 3072 with
 * SHA-256 (ADR 0071), valid for two years, naming localhost, 127.0.0.1, ::1 and this machine's host
 * name, so local clients can verify the name once they trust the certificate.
 */
final class SelfSignedCertificateGenerator {

  static final int RSA_BITS = 3072;
  static final Duration VALIDITY = Duration.ofDays(730);

  /** Starts a little in the past so a client whose clock lags does not reject a fresh one. */
  private static final Duration BACKDATE = Duration.ofHours(1);

  // RFC 1123 host name characters; anything else is left out of the certificate.
  private static final Pattern HOST_NAME =
      Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9-]{1,63})*");

  private final SecureRandom random = new SecureRandom();

  /** A new key pair and a certificate for it, valid from {@code now} for {@link #VALIDITY}. */
  TlsMaterial generate(Instant now) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(RSA_BITS, random);
      KeyPair pair = generator.generateKeyPair();
      Set<String> dnsNames = dnsNames();
      String commonName = dnsNames.stream().reduce((first, last) -> last).orElse("localhost");
      X500Name subject =
          new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
      // RFC 5280 §4.1.2.2: positive, at most 20 octets; 127 random bits make it unpredictable.
      BigInteger serial = new BigInteger(127, random).setBit(0);
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              subject,
              serial,
              Date.from(now.minus(BACKDATE)),
              Date.from(now.plus(VALIDITY)),
              subject,
              pair.getPublic());
      JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
      builder
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(
              Extension.keyUsage,
              true,
              new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
          .addExtension(
              Extension.extendedKeyUsage,
              false,
              new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
          .addExtension(Extension.subjectAlternativeName, false, subjectAltNames(dnsNames))
          .addExtension(
              Extension.subjectKeyIdentifier,
              false,
              extensions.createSubjectKeyIdentifier(pair.getPublic()));
      X509Certificate certificate =
          new JcaX509CertificateConverter()
              .getCertificate(
                  builder.build(
                      new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
      return new TlsMaterial(List.of(certificate), pair.getPrivate());
    } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
      // RSA and SHA256withRSA are mandatory in every Java SE runtime.
      throw new IllegalStateException("cannot generate a self-signed certificate", e);
    }
  }

  /** localhost, then this machine's host name if it has a usable one. */
  static Set<String> dnsNames() {
    Set<String> names = new LinkedHashSet<>();
    names.add("localhost");
    try {
      String host = InetAddress.getLocalHost().getHostName();
      if (HOST_NAME.matcher(host).matches()) {
        names.add(host.toLowerCase(java.util.Locale.ROOT));
      }
    } catch (UnknownHostException e) {
      // No resolvable host name: localhost and the loopback addresses still cover local clients.
    }
    return names;
  }

  private static GeneralNames subjectAltNames(Set<String> dnsNames) {
    List<GeneralName> names = new ArrayList<>();
    for (String dns : dnsNames) {
      names.add(new GeneralName(GeneralName.dNSName, dns));
    }
    names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
    names.add(new GeneralName(GeneralName.iPAddress, "::1"));
    return new GeneralNames(names.toArray(GeneralName[]::new));
  }
}
