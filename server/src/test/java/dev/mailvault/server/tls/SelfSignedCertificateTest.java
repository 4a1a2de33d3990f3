package dev.mailvault.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mailvault.server.DataLayout;
import dev.mailvault.server.config.Setting;
import dev.mailvault.server.config.Settings;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated certificate under {@code <data>/tls/}, with real files. */
class SelfSignedCertificateTest {

  @TempDir Path data;

  private DataLayout layout;
  private Settings settings;
  private final Instant now = Instant.now();

  @BeforeEach
  void openLayout() throws Exception {
    layout = DataLayout.open(data);
    settings = Settings.resolve(Map.of(Setting.DATA, data.toString()), Map.of(), null);
  }

  private TlsMaterial startAt(Instant instant) throws Exception {
    return TlsContexts.material(layout, settings, Clock.fixed(instant, ZoneOffset.UTC));
  }

  @Test
  void firstStartGeneratesAndLaterStartsReuseIt() throws Exception {
    assertThat(layout.tls()).doesNotExist();

    TlsMaterial first = startAt(now);
    TlsMaterial second = startAt(now.plus(Duration.ofDays(30)));

    assertThat(layout.tls().resolve("cert.pem")).isRegularFile();
    assertThat(layout.tls().resolve("key.pem")).isRegularFile();
    assertThat(second.leaf().getEncoded()).isEqualTo(first.leaf().getEncoded());
    assertThat(second.key().getEncoded()).isEqualTo(first.key().getEncoded());
    assertThat(second.keyMatchesLeaf()).isTrue();
    // What is on disk is what was returned, read by the JDK rather than by our own PEM reader.
    assertThat(readWithJdk(layout.tls().resolve("cert.pem")).getEncoded())
        .isEqualTo(first.leaf().getEncoded());
  }

  @Test
  void generatedCertificateIsRsa3072ForLocalNamesForTwoYears() throws Exception {
    X509Certificate leaf = startAt(now).leaf();

    assertThat(((RSAPublicKey) leaf.getPublicKey()).getModulus().bitLength()).isEqualTo(3072);
    assertThat(leaf.getSigAlgName()).isEqualTo("SHA256withRSA");
    assertThat(leaf.getNotAfter().toInstant())
        .isBetween(now.plus(Duration.ofDays(729)), now.plus(Duration.ofDays(731)));
    assertThat(leaf.getNotBefore().toInstant()).isBefore(now);
    List<String> altNames =
        leaf.getSubjectAlternativeNames().stream()
            .map(entry -> entry.get(1).toString())
            .collect(Collectors.toList());
    assertThat(altNames).contains("localhost", "127.0.0.1").containsAll(dnsNamesOfThisHost());
    // The JDK spells ::1 in full.
    assertThat(altNames).anyMatch(name -> name.equals("0:0:0:0:0:0:0:1") || name.equals("::1"));
    assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
    assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
  }

  @Test
  void expiredCertificateIsReplacedAndTheReplacementKept() throws Exception {
    TlsMaterial original = startAt(now);
    Instant afterExpiry = original.leaf().getNotAfter().toInstant().plusSeconds(1);

    TlsMaterial renewed = startAt(afterExpiry);
    TlsMaterial again = startAt(afterExpiry.plusSeconds(60));

    assertThat(renewed.leaf().getEncoded()).isNotEqualTo(original.leaf().getEncoded());
    assertThat(renewed.key().getEncoded()).isNotEqualTo(original.key().getEncoded());
    assertThat(renewed.validAt(afterExpiry)).isTrue();
    assertThat(again.leaf().getEncoded()).isEqualTo(renewed.leaf().getEncoded());
  }

  @Test
  void certificateLeftWithoutItsKeyByACrashIsReplaced() throws Exception {
    startAt(now);
    // A crash between the key's rename and the certificate's leaves a new key beside the old
    // certificate: simulate it by putting another pair's key in place.
    TlsMaterial other = new SelfSignedCertificateGenerator().generate(now);
    Files.write(layout.tls().resolve("key.pem"), PemFiles.encodeKey(other.key()));

    TlsMaterial next = startAt(now);

    assertThat(next.keyMatchesLeaf()).isTrue();
    assertThat(startAt(now).leaf().getEncoded()).isEqualTo(next.leaf().getEncoded());
  }

  @Test
  void keyIsOwnerOnlyAndNoTemporaryFileRemains() throws Exception {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));

    startAt(now);

    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(layout.tls().resolve("key.pem"))))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(layout.tls())))
        .isEqualTo("rwx------");
    try (var files = Files.list(layout.tls())) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("cert.pem", "key.pem");
    }
  }

  private static List<String> dnsNamesOfThisHost() {
    return List.copyOf(SelfSignedCertificateGenerator.dnsNames());
  }

  private static X509Certificate readWithJdk(Path file) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }
}
