package dev.mailvault.server.tls;

import dev.mailvault.server.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The self-signed certificate under {@code <data>/tls/}: generated on first start, reused while it
 * is valid, generated anew only when it is missing or expired (ADR 0070).
 *
 * <p>The key is written first and the certificate second, each atomically ({@link AtomicFiles}). A
 * crash between the two renames leaves a certificate that does not match the key; the next start
 * sees the mismatch and generates a fresh pair, as if none were there.
 */
final class SelfSignedCertificateStore {

  private static final Logger LOG = LoggerFactory.getLogger(SelfSignedCertificateStore.class);

  static final String CERT_FILE = "cert.pem";
  static final String KEY_FILE = "key.pem";

  private final Path directory;
  private final Clock clock;
  private final SelfSignedCertificateGenerator generator = new SelfSignedCertificateGenerator();

  SelfSignedCertificateStore(Path directory, Clock clock) {
    this.directory = directory;
    this.clock = clock;
  }

  Path certFile() {
    return directory.resolve(CERT_FILE);
  }

  Path keyFile() {
    return directory.resolve(KEY_FILE);
  }

  /** The stored certificate if it is usable now, else a new one, written before it is returned. */
  TlsMaterial loadOrCreate() throws ConfigException {
    Instant now = clock.instant();
    Stored stored = inspect(now);
    if (stored.problem() == null) {
      return stored.material();
    }
    TlsMaterial fresh = generator.generate(now);
    write(fresh);
    LOG.info(
        "TLS: generated a self-signed certificate in {} ({}), valid until {}",
        directory,
        stored.problem(),
        fresh.leaf().getNotAfter().toInstant());
    return fresh;
  }

  /** What is on disk: a pair usable at {@code now}, or why there is none. */
  private Stored inspect(Instant now) {
    if (!Files.exists(certFile()) || !Files.exists(keyFile())) {
      return Stored.unusable("none was there");
    }
    TlsMaterial material;
    try {
      material =
          new TlsMaterial(
              PemFiles.readChain(certFile(), "TLS certificate " + certFile()),
              PemFiles.readKey(keyFile(), "TLS key " + keyFile()));
    } catch (ConfigException e) {
      return Stored.unusable("the previous one was unreadable");
    }
    X509Certificate leaf = material.leaf();
    if (!material.keyMatchesLeaf()) {
      return Stored.unusable("the previous certificate did not match its key");
    }
    if (now.isBefore(leaf.getNotBefore().toInstant())) {
      return Stored.unusable(
          "the previous one is not valid before " + leaf.getNotBefore().toInstant());
    }
    if (!material.validAt(now)) {
      return Stored.unusable("the previous one expired " + leaf.getNotAfter().toInstant());
    }
    return new Stored(material, null);
  }

  private record Stored(TlsMaterial material, String problem) {
    static Stored unusable(String problem) {
      return new Stored(null, problem);
    }
  }

  private void write(TlsMaterial material) throws ConfigException {
    byte[] key = PemFiles.encodeKey(material.key());
    try {
      AtomicFiles.createPrivateDirectory(directory);
      AtomicFiles.write(keyFile(), key, true);
      // ADR 0179: every file of the data directory is owner-only, the public certificate too.
      AtomicFiles.write(certFile(), PemFiles.encodeChain(material.chain()), true);
    } catch (IOException e) {
      throw new ConfigException(
          "cannot write the self-signed TLS certificate in " + directory + ": " + e.getMessage());
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }
}
