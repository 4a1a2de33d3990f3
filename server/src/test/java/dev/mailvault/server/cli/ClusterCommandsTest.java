package dev.mailvault.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailvault.directory.ClusterRegistry;
import dev.mailvault.directory.Directory;
import dev.mailvault.directory.PrimaryLease;
import dev.mailvault.directory.jdbc.DirectoryOptions;
import dev.mailvault.directory.jdbc.SqliteDirectory;
import dev.mailvault.server.cli.CliProcess.Result;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mailvault cluster status|move} in a real process, on a directory whose primaries were
 * joined by this test (as running primaries would).
 */
class ClusterCommandsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path data;

  @Test
  void statusListsThePrimariesAndMoveHandsAVaultOver() throws Exception {
    CliProcess cli = new CliProcess(data);
    long vaultEpoch;
    try (Directory directory =
        SqliteDirectory.open(data, Optional.empty(), DirectoryOptions.defaults())) {
      ClusterRegistry registry = directory.clusterRegistry();
      registry.join("p-a", "10.0.0.1:7443", Duration.ofHours(1));
      PrimaryLease gone = registry.join("p-b", "10.0.0.2:7443", Duration.ofHours(1));
      vaultEpoch = registry.owner("vault1").epoch();
      registry.join("p-c", "10.0.0.3:7443", Duration.ofHours(1));
      registry.leave(gone);
    }

    Result status = cli.run("cluster", "status");
    assertThat(status.exitCode()).as(status.toString()).isZero();
    assertThat(status.stdout())
        .contains("PRIMARY")
        .containsPattern("p-a +10\\.0\\.0\\.1:7443 +live +\\d+ +1")
        .containsPattern("p-b +10\\.0\\.0\\.2:7443 +lapsed")
        .containsPattern("p-c +10\\.0\\.0\\.3:7443 +live +\\d+ +0");

    Result moved = cli.run("cluster", "move", "vault1", "p-c", "--json");
    assertThat(moved.exitCode()).as(moved.toString()).isZero();
    JsonNode json = JSON.readTree(moved.stdout());
    assertThat(json.path("primary").asText()).isEqualTo("p-c");
    assertThat(json.path("epoch").asLong()).isGreaterThan(vaultEpoch);

    JsonNode listed = JSON.readTree(cli.run("cluster", "status", "--json").stdout());
    assertThat(listed).hasSize(3);
    assertThat(listed.get(0).path("vaults").asLong()).isZero();
    assertThat(listed.get(2).path("vaults").asLong()).isEqualTo(1);
    assertThat(listed.get(1).path("state").asText()).isEqualTo("lapsed");

    Result toLapsed = cli.run("cluster", "move", "vault1", "p-b");
    assertThat(toLapsed.exitCode()).isEqualTo(1);
    assertThat(toLapsed.stderr()).contains("lease has lapsed").doesNotContain("Exception");
  }
}
