package dev.mailvault.cluster.ca;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
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
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The cluster's certificate authority (ADR 0277): an ECDSA P-256 key and a self-signed certificate
 * valid 10 years in {@code caDir}, which signs one node certificate (P-256, 2 years, CN and DNS SAN
 * = the node name, usable as TLS server and client) per node. A node's bundle (its certificate, the
 * CA certificate, its key) is one PEM file that {@link #join} installs as {@code node.pem}, {@code
 * node.key} and {@code ca.pem}. Failures are {@link ClusterCaException}s with one readable line.
 */
public final class ClusterCa {

  public static final String CA_KEY = "ca.key";
  public static final String CA_CERT = "ca.pem";
  public static final String NODE_CERT = "node.pem";
  public static final String NODE_KEY = "node.key";

  static final Duration CA_LIFETIME = Duration.ofDays(3650);
  static final Duration NODE_LIFETIME = Duration.ofDays(730);

  /** Clocks of a cluster disagree a little; a certificate is valid from a few minutes before. */
  private static final Duration BACKDATE = Duration.ofMinutes(5);

  /** A DNS-like label sequence: usable as CN and as a dNSName SAN (RFC 5280 §4.2.1.6). */
  private static final Pattern NODE_NAME =
      Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

  private static final String SIGNATURE = "SHA256withECDSA";
  private static final SecureRandom RANDOM = new SecureRandom();

  private ClusterCa() {}

  /** Makes a new CA in {@code caDir} (created 0700); refuses a directory that already has one. */
  public static void init(Path caDir, Clock clock) {
    Path keyFile = caDir.resolve(CA_KEY);
    Path certFile = caDir.resolve(CA_CERT);
    if (Files.exists(keyFile) || Files.exists(certFile)) {
      throw new ClusterCaException(caDir + " already holds a cluster CA; refusing to replace it");
    }
    KeyPair pair = newKeyPair();
    Instant now = clock.instant();
    X500Name name = name("Mailvault cluster CA");
    try {
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              name,
              serial(),
              Date.from(now.minus(BACKDATE)),
              Date.from(now.plus(CA_LIFETIME)),
              name,
              pair.getPublic());
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      builder.addExtension(
          Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
      X509Certificate cert = sign(builder, pair.getPrivate());
      createPrivateDir(caDir);
      writePrivate(keyFile, Pem.write(new JcaPKCS8Generator(pair.getPrivate(), null)), false);
      writePrivate(certFile, Pem.write(cert), false);
    } catch (IOException | GeneralSecurityException e) {
      throw new ClusterCaException("cannot create the cluster CA in " + caDir + ": " + reason(e));
    }
  }

  /**
   * Issues a key and certificate for {@code nodeName} signed by the CA in {@code caDir}, written
   * with the CA certificate to {@code bundleFile} (mode 0600); refuses an existing file.
   */
  public static void issue(Path caDir, String nodeName, Path bundleFile, Clock clock) {
    String node = checkNodeName(nodeName);
    X509Certificate caCert;
    PrivateKey caKey;
    try {
      caCert = single(read(caDir.resolve(CA_CERT)).certificates(), "CA certificate");
      caKey = read(caDir.resolve(CA_KEY)).key();
    } catch (IOException e) {
      throw new ClusterCaException("cannot read the cluster CA: " + reason(e));
    }
    if (caKey == null) {
      throw new ClusterCaException(caDir.resolve(CA_KEY) + ": no private key in it");
    }
    KeyPair pair = newKeyPair();
    Instant now = clock.instant();
    Instant notAfter = now.plus(NODE_LIFETIME);
    if (notAfter.isAfter(caCert.getNotAfter().toInstant())) {
      notAfter = caCert.getNotAfter().toInstant();
    }
    try {
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              caCert,
              serial(),
              Date.from(now.minus(BACKDATE)),
              Date.from(notAfter),
              name(node),
              pair.getPublic());
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(
          Extension.extendedKeyUsage,
          false,
          new ExtendedKeyUsage(
              new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(new GeneralName(GeneralName.dNSName, node)));
      builder.addExtension(
          Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
      builder.addExtension(
          Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(caCert));
      X509Certificate cert = sign(builder, caKey);
      writePrivate(
          bundleFile,
          Pem.write(cert, caCert, new JcaPKCS8Generator(pair.getPrivate(), null)),
          false);
    } catch (FileAlreadyExistsException e) {
      throw new ClusterCaException(bundleFile + " already exists; refusing to overwrite it");
    } catch (IOException | GeneralSecurityException e) {
      throw new ClusterCaException("cannot issue a certificate for " + node + ": " + reason(e));
    }
  }

  /**
   * Installs {@code bundleFile} into {@code clusterDir} (created 0700; files 0600), replacing what
   * was there (a renewed certificate), after checking that the node certificate is signed by the
   * bundle's CA and matches its key.
   */
  public static void join(Path bundleFile, Path clusterDir) {
    Pem.Contents bundle;
    try {
      bundle = Pem.read(bundleFile);
    } catch (IOException e) {
      throw new ClusterCaException("cannot read the bundle: " + reason(e));
    }
    if (bundle.key() == null || bundle.certificates().size() != 2) {
      throw new ClusterCaException(
          "not a node bundle (one node certificate, the CA certificate, one key)");
    }
    X509Certificate node = bundle.certificates().get(0);
    X509Certificate ca = bundle.certificates().get(1);
    try {
      ca.verify(ca.getPublicKey());
      node.verify(ca.getPublicKey());
    } catch (GeneralSecurityException e) {
      throw new ClusterCaException("the node certificate is not signed by the bundle's CA");
    }
    if (ca.getBasicConstraints() < 0 || node.getBasicConstraints() >= 0) {
      throw new ClusterCaException("the certificates are not a CA and a node");
    }
    if (!keyMatches(bundle.key(), node.getPublicKey())) {
      throw new ClusterCaException("the key does not match the node certificate");
    }
    try {
      createPrivateDir(clusterDir);
      writePrivate(
          clusterDir.resolve(NODE_KEY), Pem.write(new JcaPKCS8Generator(bundle.key(), null)), true);
      writePrivate(clusterDir.resolve(NODE_CERT), Pem.write(node), true);
      writePrivate(clusterDir.resolve(CA_CERT), Pem.write(ca), true);
    } catch (IOException e) {
      throw new ClusterCaException(
          "cannot install the bundle into " + clusterDir + ": " + reason(e));
    }
  }

  /** The node name of a certificate: its subject's CN. */
  public static String commonName(X509Certificate certificate) {
    X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    var rdns = subject.getRDNs(BCStyle.CN);
    if (rdns.length != 1) {
      throw new ClusterCaException("the certificate has no single common name");
    }
    return rdns[0].getFirst().getValue().toString();
  }

  /** {@code name} lower-cased if it is a valid node name (a DNS-like name); otherwise refused. */
  public static String checkNodeName(String name) {
    String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
    if (lower.length() > 253 || !NODE_NAME.matcher(lower).matches()) {
      throw new ClusterCaException(
          "a node name is letters, digits, '-' and '.' like a host name: '" + name + "' is not");
    }
    return lower;
  }

  private static boolean keyMatches(PrivateKey key, PublicKey publicKey) {
    try {
      byte[] challenge = new byte[32];
      RANDOM.nextBytes(challenge);
      Signature signer = Signature.getInstance(SIGNATURE);
      signer.initSign(key);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(SIGNATURE);
      verifier.initVerify(publicKey);
      verifier.update(challenge);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static Pem.Contents read(Path file) throws IOException {
    try {
      return Pem.read(file);
    } catch (IOException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  private static X509Certificate single(List<X509Certificate> certificates, String what)
      throws IOException {
    if (certificates.size() != 1) {
      throw new IOException("expected one " + what);
    }
    return certificates.get(0);
  }

  private static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot make P-256 keys", e);
    }
  }

  private static X500Name name(String commonName) {
    return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
  }

  /** A random positive serial of at most 20 octets (RFC 5280 §4.1.2.2). */
  private static BigInteger serial() {
    return new BigInteger(127, RANDOM).add(BigInteger.ONE);
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
      throws GeneralSecurityException {
    try {
      return new JcaX509CertificateConverter()
          .getCertificate(builder.build(new JcaContentSignerBuilder(SIGNATURE).build(key)));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException("cannot sign with the CA key", e);
    }
  }

  private static void createPrivateDir(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
      setMode(dir, "rwx------");
    }
  }

  /**
   * Writes {@code text} with mode 0600 from creation. Without {@code replace} an existing file is
   * refused; with it, the file is written beside and moved over the old one.
   */
  private static void writePrivate(Path file, String text, boolean replace) throws IOException {
    Path target = replace ? file.resolveSibling(file.getFileName() + ".new") : file;
    if (replace) {
      Files.deleteIfExists(target);
    }
    Path parent = target.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    SeekableByteChannel channel;
    try {
      channel =
          Files.newByteChannel(
              target,
              options,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      channel = Files.newByteChannel(target, options);
    }
    try (OutputStream out = Channels.newOutputStream(channel)) {
      setMode(target, "rw-------");
      out.write(text.getBytes(StandardCharsets.US_ASCII));
    }
    if (replace) {
      try {
        Files.move(
            target, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(target, file, StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  private static void setMode(Path path, String mode) throws IOException {
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: its own access control applies.
    }
  }

  private static String reason(Exception e) {
    String message = e.getMessage();
    if (e instanceof FileAlreadyExistsException) {
      return message + " already exists";
    }
    return message == null || message.isBlank()
        ? e.getClass().getSimpleName()
        : message.lines().findFirst().orElse("");
  }
}
