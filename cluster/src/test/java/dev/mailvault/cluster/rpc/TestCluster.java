package dev.mailvault.cluster.rpc;

import dev.mailvault.cluster.ca.ClusterCa;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Certificates for tests: a CA in {@code dir} and nodes issued and joined by {@link ClusterCa}.
 * Dated by the system clock, since TLS checks validity against it.
 */
final class TestCluster {

  private final Path dir;

  TestCluster(Path dir) {
    this.dir = dir;
    ClusterCa.init(dir.resolve("ca"), Clock.systemUTC());
  }

  ClusterTls node(String name) throws IOException {
    Path bundle = dir.resolve(name + ".bundle.pem");
    ClusterCa.issue(dir.resolve("ca"), name, bundle, Clock.systemUTC());
    Path installed = dir.resolve("nodes").resolve(name);
    ClusterCa.join(bundle, installed);
    return ClusterTls.load(installed);
  }
}
