package dev.mailvault.server.tls;

import dev.mailvault.server.config.ConfigException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads and writes the PEM files of TLS material (RFC 7468). Keys are read as PKCS#8 ({@code
 * PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) or SEC1 ({@code EC PRIVATE KEY}) and written as
 * PKCS#8. Error messages name the file, never its content.
 */
final class PemFiles {

  private PemFiles() {}

  /**
   * The certificates in a PEM file, in file order (leaf first by convention).
   *
   * @param what how the file is named in an error, e.g. {@code MAILVAULT_TLS_CERT file /x.pem}
   */
  static List<X509Certificate> readChain(Path file, String what) throws ConfigException {
    List<X509Certificate> chain = new ArrayList<>();
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    try (PEMParser parser = new PEMParser(open(file, what))) {
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        if (o instanceof X509CertificateHolder holder) {
          chain.add(converter.getCertificate(holder));
        }
      }
    } catch (IOException | CertificateException | RuntimeException e) {
      // BC reports bad base64 or DER as IOException or as unchecked exceptions alike.
      throw new ConfigException(what + " is not valid PEM: " + firstLine(e));
    }
    if (chain.isEmpty()) {
      throw new ConfigException(what + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
    }
    return chain;
  }

  /**
   * The first private key in a PEM file.
   *
   * @param what how the file is named in an error
   */
  static PrivateKey readKey(Path file, String what) throws ConfigException {
    try (PEMParser parser = new PEMParser(open(file, what))) {
      // Skipped: other blocks, such as EC PARAMETERS before an EC key or a certificate beside it.
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        if (o instanceof PrivateKeyInfo info) {
          return toJdkKey(info, what);
        }
        if (o instanceof PEMKeyPair pair) {
          return toJdkKey(pair.getPrivateKeyInfo(), what);
        }
        if (o instanceof PEMEncryptedKeyPair || o instanceof PKCS8EncryptedPrivateKeyInfo) {
          throw new ConfigException(
              what + " is passphrase-protected; give the key unencrypted (mode 0600)");
        }
      }
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      // The cause's message is left out: it could quote bytes of the key.
      throw new ConfigException(what + " is not a valid PEM private key");
    }
    throw new ConfigException(what + " holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
  }

  /**
   * The JDK's own key object for a PKCS#8 structure. Bouncy Castle's converter names EC keys
   * "ECDSA", which only its own provider knows; listeners run on the JDK's and OpenSSL's.
   */
  private static PrivateKey toJdkKey(PrivateKeyInfo info, String what)
      throws IOException, GeneralSecurityException, ConfigException {
    ASN1ObjectIdentifier type = info.getPrivateKeyAlgorithm().getAlgorithm();
    String algorithm;
    if (type.equals(PKCSObjectIdentifiers.rsaEncryption)) {
      algorithm = "RSA";
    } else if (type.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
      algorithm = "EC";
    } else if (type.equals(EdECObjectIdentifiers.id_Ed25519)) {
      algorithm = "Ed25519";
    } else {
      throw new ConfigException(what + " holds a key of an unsupported type (use RSA or EC)");
    }
    byte[] der = info.getEncoded();
    try {
      return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    } finally {
      Arrays.fill(der, (byte) 0);
    }
  }

  /** The certificates as PEM text, leaf first. */
  static byte[] encodeChain(List<X509Certificate> chain) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (X509Certificate certificate : chain) {
      try {
        out.writeBytes(encode("CERTIFICATE", certificate.getEncoded()));
      } catch (CertificateEncodingException e) {
        throw new IllegalStateException("certificate cannot be encoded", e);
      }
    }
    return out.toByteArray();
  }

  /** The key as PKCS#8 PEM. The caller should zero the result once written. */
  static byte[] encodeKey(PrivateKey key) {
    byte[] der = key.getEncoded(); // PKCS#8 PrivateKeyInfo for every JCA private key
    try {
      return encode("PRIVATE KEY", der);
    } finally {
      Arrays.fill(der, (byte) 0);
    }
  }

  private static byte[] encode(String label, byte[] der) {
    byte[] body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encode(der);
    byte[] begin = ("-----BEGIN " + label + "-----\n").getBytes(StandardCharsets.US_ASCII);
    byte[] end = ("\n-----END " + label + "-----\n").getBytes(StandardCharsets.US_ASCII);
    byte[] pem = new byte[begin.length + body.length + end.length];
    System.arraycopy(begin, 0, pem, 0, begin.length);
    System.arraycopy(body, 0, pem, begin.length, body.length);
    System.arraycopy(end, 0, pem, begin.length + body.length, end.length);
    Arrays.fill(body, (byte) 0);
    return pem;
  }

  private static Reader open(Path file, String what) throws ConfigException {
    try {
      // Latin-1 decodes any byte, so a binary file reads as "no PEM block", not a charset error.
      return Files.newBufferedReader(file, StandardCharsets.ISO_8859_1);
    } catch (NoSuchFileException e) {
      throw new ConfigException("cannot read " + what + ": no such file");
    } catch (AccessDeniedException e) {
      throw new ConfigException("cannot read " + what + ": permission denied");
    } catch (IOException e) {
      throw new ConfigException("cannot read " + what + ": " + firstLine(e));
    }
  }

  private static String firstLine(Exception e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return e.getClass().getSimpleName();
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
