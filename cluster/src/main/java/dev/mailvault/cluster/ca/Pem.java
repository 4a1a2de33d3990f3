package dev.mailvault.cluster.ca;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * PEM files of the cluster: certificates and one unencrypted PKCS#8 private key. The files are
 * small (a bundle is three blocks); one larger than {@link #MAX_FILE_BYTES} is refused unread.
 */
public final class Pem {

  /** A bundle is about 2 KB; anything far larger is not one of ours. */
  static final long MAX_FILE_BYTES = 256 * 1024;

  /** What one PEM file holds: its certificates in file order, and its private key if any. */
  public record Contents(List<X509Certificate> certificates, PrivateKey key) {}

  private Pem() {}

  /**
   * Reads {@code file}; a missing, oversized or unparsable file is an IOException whose one-line
   * message says which, without the path (callers name the file as they see fit).
   */
  public static Contents read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("no such file");
    }
    if (Files.size(file) > MAX_FILE_BYTES) {
      throw new IOException("too large for a PEM file");
    }
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    try {
      return parse(new StringReader(text));
    } catch (IOException | CertificateException | RuntimeException e) {
      throw new IOException("not a readable PEM file", e);
    }
  }

  private static Contents parse(Reader reader) throws IOException, CertificateException {
    List<X509Certificate> certificates = new ArrayList<>();
    PrivateKey key = null;
    JcaX509CertificateConverter certs = new JcaX509CertificateConverter();
    JcaPEMKeyConverter keys = new JcaPEMKeyConverter();
    try (PEMParser parser = new PEMParser(reader)) {
      Object item;
      while ((item = parser.readObject()) != null) {
        if (item instanceof X509CertificateHolder holder) {
          certificates.add(certs.getCertificate(holder));
        } else if (item instanceof PrivateKeyInfo info) {
          key = keys.getPrivateKey(info);
        } else if (item instanceof PEMKeyPair pair) {
          key = keys.getKeyPair(pair).getPrivate();
        } else {
          throw new IOException("unexpected PEM block");
        }
      }
    }
    return new Contents(List.copyOf(certificates), key);
  }

  /** PEM text of {@code objects} (certificates, private keys), in order. */
  static String write(Object... objects) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      for (Object object : objects) {
        writer.writeObject(object);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot write PEM to memory", e);
    }
    return out.toString();
  }
}
