package dev.mailvault.cluster.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailvault.core.testing.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster CA's files, lifetimes and checks, on a fixed clock. */
class ClusterCaTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  @TempDir Path dir;
  private final ManualClock clock = new ManualClock(NOW);

  @Test
  void issuesANodeCertificateForTwoYearsUnderATenYearCa() throws Exception {
    Path ca = dir.resolve("ca");
    ClusterCa.init(ca, clock);
    Path bundle = dir.resolve("node.bundle");
    ClusterCa.issue(ca, "Primary-1.example", bundle, clock);
    ClusterCa.join(bundle, dir.resolve("cluster"));

    X509Certificate caCert = Pem.read(ca.resolve("ca.pem")).certificates().get(0);
    X509Certificate node = Pem.read(dir.resolve("cluster/node.pem")).certificates().get(0);
    assertThat(caCert.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(3650)));
    assertThat(node.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(730)));
    assertThat(ClusterCa.commonName(node)).isEqualTo("primary-1.example");
    assertThat(node.getSubjectAlternativeNames()).containsExactly(List.of(2, "primary-1.example"));
    assertThat(node.getBasicConstraints()).isEqualTo(-1);
    node.verify(caCert.getPublicKey());
    for (Path file :
        List.of(
            bundle,
            ca.resolve("ca.key"),
            dir.resolve("cluster/node.key"),
            dir.resolve("cluster/node.pem"),
            dir.resolve("cluster/ca.pem"))) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .as(file.toString())
          .isEqualTo("rw-------");
    }
    assertThat(Files.readString(bundle)).doesNotContain("ENCRYPTED").contains("PRIVATE KEY");
  }

  @Test
  void refusesToReplaceACaOrABundleAndRefusesBadNames() {
    Path ca = dir.resolve("ca");
    ClusterCa.init(ca, clock);
    assertThatThrownBy(() -> ClusterCa.init(ca, clock))
        .isInstanceOf(ClusterCaException.class)
        .hasMessageContaining("already holds a cluster CA");
    Path bundle = dir.resolve("b.pem");
    ClusterCa.issue(ca, "node-a", bundle, clock);
    assertThatThrownBy(() -> ClusterCa.issue(ca, "node-a", bundle, clock))
        .hasMessageContaining("already exists");
    assertThatThrownBy(() -> ClusterCa.issue(ca, "bad name/..", dir.resolve("c.pem"), clock))
        .hasMessageContaining("node name");
    assertThatThrownBy(
            () -> ClusterCa.issue(dir.resolve("none"), "node-b", dir.resolve("d.pem"), clock))
        .isInstanceOf(ClusterCaException.class)
        .hasMessageContaining("cannot read the cluster CA");
  }

  @Test
  void joinRefusesABundleWhoseNodeTheCaDidNotSign() throws Exception {
    ClusterCa.init(dir.resolve("ca1"), clock);
    ClusterCa.init(dir.resolve("ca2"), clock);
    ClusterCa.issue(dir.resolve("ca1"), "node-a", dir.resolve("a.pem"), clock);
    Pem.Contents a = Pem.read(dir.resolve("a.pem"));
    X509Certificate otherCa = Pem.read(dir.resolve("ca2/ca.pem")).certificates().get(0);
    Path forged = dir.resolve("forged.pem");
    Files.writeString(
        forged,
        Pem.write(
            a.certificates().get(0),
            otherCa,
            new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(a.key(), null)));

    assertThatThrownBy(() -> ClusterCa.join(forged, dir.resolve("cluster")))
        .isInstanceOf(ClusterCaException.class)
        .hasMessageContaining("not signed by the bundle's CA");
    assertThatThrownBy(() -> ClusterCa.join(dir.resolve("missing.pem"), dir.resolve("cluster")))
        .hasMessageContaining("cannot read the bundle: no such file");
    assertThat(dir.resolve("cluster")).doesNotExist();
  }
}
