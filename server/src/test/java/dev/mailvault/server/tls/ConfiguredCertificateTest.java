package dev.mailvault.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.server.DataLayout;
import dev.mailvault.server.config.ConfigException;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.config.Settings;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A certificate and key given in the configuration, written to real files in the formats operators
 * bring: PKCS#8, PKCS#1 (RSA) and SEC1 (EC) keys; and every way they can be wrong.
 */
class ConfiguredCertificateTest {

  @TempDir Path data;
  @TempDir Path etc;

  private DataLayout layout;

  @BeforeEach
  void openLayout() throws Exception {
    layout = DataLayout.open(data);
  }

  @Test
  void ecPairWithSec1KeyIsUsedAndNothingIsGenerated() throws Exception {
    KeyPair pair = ecKeyPair();
    X509Certificate cert = certificate(pair, "SHA256withECDSA");
    Path certFile = write("cert.pem", pem(cert));
    Path keyFile = write("key.pem", sec1(pair));

    TlsMaterial material = material(certFile.toString(), keyFile.toString());

    assertThat(Files.readString(keyFile)).startsWith("-----BEGIN EC PRIVATE KEY-----");
    assertThat(material.leaf()).isEqualTo(cert);
    assertThat(((ECPrivateKey) material.key()).getS())
        .isEqualTo(((ECPrivateKey) pair.getPrivate()).getS());
    assertThat(material.keyMatchesLeaf()).isTrue();
    assertThat(layout.tls()).doesNotExist();
    // The context builds on both providers with an ECDSA key.
    for (TlsProvider provider : TlsProvider.values()) {
      assertThat(
              ServerSslContexts.build(
                  material, provider, TlsGroups.parse(TlsGroups.DEFAULT, "default")))
          .isNotNull();
    }
  }

  @Test
  void rsaPairWithPkcs1KeyIsUsed() throws Exception {
    KeyPair pair = rsaKeyPair();
    X509Certificate cert = certificate(pair, "SHA256withRSA");
    Path keyFile = write("key.pem", pem(pair));

    TlsMaterial material = material(write("cert.pem", pem(cert)).toString(), keyFile.toString());

    assertThat(Files.readString(keyFile)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    assertThat(material.leaf()).isEqualTo(cert);
    assertThat(material.keyMatchesLeaf()).isTrue();
  }

  @Test
  void pkcs8KeyAfterEcParametersAndChainOfTwoAreRead() throws Exception {
    KeyPair caPair = ecKeyPair();
    KeyPair pair = ecKeyPair();
    X509Certificate leaf = certificate(pair, "SHA256withECDSA");
    X509Certificate ca = certificate(caPair, "SHA256withECDSA");
    String keyPem =
        "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n"
            + pem(new JcaPKCS8Generator(pair.getPrivate(), null));

    TlsMaterial material =
        material(
            write("chain.pem", pem(leaf) + pem(ca)).toString(),
            write("key.pem", keyPem).toString());

    assertThat(material.chain()).containsExactly(leaf, ca);
    assertThat(material.keyMatchesLeaf()).isTrue();
  }

  @Test
  void keyOfAnotherCertificateIsRefusedInOneLine() throws Exception {
    Path certFile = write("cert.pem", pem(certificate(ecKeyPair(), "SHA256withECDSA")));
    Path keyFile = write("key.pem", sec1(ecKeyPair()));

    assertThatThrownBy(() -> material(certFile.toString(), keyFile.toString()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "MAILVAULT_TLS_KEY file "
                + keyFile
                + " is not the key of the first certificate in "
                + certFile);
  }

  @Test
  void rsaKeyForAnEcCertificateIsRefused() throws Exception {
    Path certFile = write("cert.pem", pem(certificate(ecKeyPair(), "SHA256withECDSA")));
    Path keyFile = write("key.pem", pem(rsaKeyPair()));

    assertThatThrownBy(() -> material(certFile.toString(), keyFile.toString()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("is not the key of the first certificate");
  }

  @Test
  void garbageInsteadOfACertificateIsNamed() throws Exception {
    KeyPair pair = ecKeyPair();
    Path keyFile = write("key.pem", sec1(pair));
    Path binary = etc.resolve("cert.der");
    Files.write(binary, certificate(pair, "SHA256withECDSA").getEncoded());

    assertThatThrownBy(() -> material(binary.toString(), keyFile.toString()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "MAILVAULT_TLS_CERT file "
                + binary
                + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
  }

  @Test
  void corruptBase64InACertificateBlockIsRefusedInOneLine() throws Exception {
    Path certFile =
        write(
            "cert.pem", "-----BEGIN CERTIFICATE-----\n@@not base64@@\n-----END CERTIFICATE-----\n");
    Path keyFile = write("key.pem", sec1(ecKeyPair()));

    assertThatThrownBy(() -> material(certFile.toString(), keyFile.toString()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("MAILVAULT_TLS_CERT file " + certFile + " is not valid PEM")
        .hasMessageNotContaining("\n");
  }

  @Test
  void garbageKeyDoesNotQuoteTheFile() throws Exception {
    KeyPair pair = ecKeyPair();
    Path certFile = write("cert.pem", pem(certificate(pair, "SHA256withECDSA")));
    Path keyFile =
        write("key.pem", "-----BEGIN PRIVATE KEY-----\nc2VjcmV0\n-----END PRIVATE KEY-----\n");

    assertThatThrownBy(() -> material(certFile.toString(), keyFile.toString()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("MAILVAULT_TLS_KEY file " + keyFile + " is not a valid PEM private key");
  }

  @Test
  void certificateGivenAsTheKeyIsNamed() throws Exception {
    Path certFile = write("cert.pem", pem(certificate(ecKeyPair(), "SHA256withECDSA")));

    assertThatThrownBy(() -> material(certFile.toString(), certFile.toString()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "MAILVAULT_TLS_KEY file "
                + certFile
                + " holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
  }

  @Test
  void passphraseProtectedKeyIsRefused() throws Exception {
    KeyPair pair = ecKeyPair();
    Path certFile = write("cert.pem", pem(certificate(pair, "SHA256withECDSA")));
    var encryptor =
        new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
            .setProvider(new BouncyCastleProvider())
            .setPassword("not-a-real-passphrase".toCharArray())
            .build();
    Path keyFile = write("key.pem", pem(new JcaPKCS8Generator(pair.getPrivate(), encryptor)));

    assertThatThrownBy(() -> material(certFile.toString(), keyFile.toString()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "MAILVAULT_TLS_KEY file "
                + keyFile
                + " is passphrase-protected; give the key unencrypted (mode 0600)");
  }

  @Test
  void missingFileAndHalfAPairAreRefused() throws Exception {
    Path keyFile = write("key.pem", sec1(ecKeyPair()));
    Path missing = etc.resolve("missing.pem");

    assertThatThrownBy(() -> material(missing.toString(), keyFile.toString()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("cannot read MAILVAULT_TLS_CERT file " + missing + ": no such file");
    assertThatThrownBy(() -> material("", keyFile.toString()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("MAILVAULT_TLS_CERT and MAILVAULT_TLS_KEY must be set together");
  }

  @Test
  void configFileKeysAreRead() throws Exception {
    KeyPair pair = ecKeyPair();
    X509Certificate cert = certificate(pair, "SHA256withECDSA");
    Path certFile = write("cert.pem", pem(cert));
    Path keyFile = write("key.pem", sec1(pair));
    Files.writeString(
        data.resolve("mailvault.conf"),
        "mailvault { tls.cert = \"" + certFile + "\", tls.key = \"" + keyFile + "\" }\n");
    Settings settings = Settings.resolve(Map.of(Setting.DATA, data.toString()), Map.of(), null);

    assertThat(TlsContexts.material(layout, settings, Clock.systemUTC()).leaf()).isEqualTo(cert);
  }

  private TlsMaterial material(String cert, String key) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("MAILVAULT_TLS_CERT", cert);
    env.put("MAILVAULT_TLS_KEY", key);
    Settings settings = Settings.resolve(Map.of(Setting.DATA, data.toString()), env, null);
    return TlsContexts.material(layout, settings, Clock.systemUTC());
  }

  private Path write(String name, String content) throws Exception {
    Path file = etc.resolve(name);
    Files.writeString(file, content, StandardCharsets.US_ASCII);
    return file;
  }

  /** An "EC PRIVATE KEY" (RFC 5915) with its curve inside, as {@code openssl ecparam} writes it. */
  private static String sec1(KeyPair pair) throws Exception {
    ECPrivateKey key = (ECPrivateKey) pair.getPrivate();
    ASN1Encodable curve =
        PrivateKeyInfo.getInstance(key.getEncoded()).getPrivateKeyAlgorithm().getParameters();
    byte[] der = new org.bouncycastle.asn1.sec.ECPrivateKey(256, key.getS(), curve).getEncoded();
    return pem(new PemObject("EC PRIVATE KEY", der));
  }

  private static KeyPair ecKeyPair() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static KeyPair rsaKeyPair() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }

  private static X509Certificate certificate(KeyPair pair, String signature) throws Exception {
    X500Name name = new X500Name("CN=mail.example.test");
    Instant now = Instant.now();
    return new JcaX509CertificateConverter()
        .getCertificate(
            new JcaX509v3CertificateBuilder(
                    name,
                    BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(90))),
                    name,
                    pair.getPublic())
                .build(new JcaContentSignerBuilder(signature).build(pair.getPrivate())));
  }

  private static String pem(Object object) throws Exception {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    }
    return out.toString();
  }
}
