package dev.mailvault.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.cluster.rpc.ClusterTls;
import dev.mailvault.core.testing.ExternalProgram;
import dev.mailvault.server.cli.CliProcess.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mailvault cluster init|issue|join} as an operator runs them on two machines (two data
 * directories): the chains they install are ones {@code openssl verify} accepts, and mistakes are
 * one line and a non-zero exit.
 */
class ClusterCommandTest {

  @TempDir Path first;
  @TempDir Path second;

  @Test
  void initIssueAndJoinInstallChainsOpensslAccepts() throws Exception {
    CliProcess caMachine =
        new CliProcess(first, Map.of("MAILVAULT_CLUSTER_NODE_NAME", "primary-1"));
    Result init = caMachine.run("cluster", "init");
    assertThat(init.exitCode()).as(init.stderr()).isZero();
    assertThat(init.stdout()).contains("joined as primary-1");

    Path bundle = first.resolve("frontend-1.pem");
    Result issue = caMachine.run("cluster", "issue", "frontend-1", "--out", bundle.toString());
    assertThat(issue.exitCode()).as(issue.stderr()).isZero();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(bundle)))
        .isEqualTo("rw-------");

    Result join = new CliProcess(second).run("cluster", "join", bundle.toString());
    assertThat(join.exitCode()).as(join.stderr()).isZero();
    assertThat(join.stdout()).contains("joined the cluster as frontend-1");

    Path caFile = first.resolve("cluster-ca/ca.pem");
    for (Path node :
        new Path[] {first.resolve("cluster/node.pem"), second.resolve("cluster/node.pem")}) {
      ExternalProgram.Result verify =
          ExternalProgram.run(
              first,
              Duration.ofSeconds(30),
              "openssl",
              "verify",
              "-CAfile",
              caFile.toString(),
              node.toString());
      assertThat(verify.exitCode()).as(verify.output()).isZero();
      assertThat(verify.output()).contains(": OK");
    }
    assertThat(ClusterTls.load(first.resolve("cluster")).nodeName()).isEqualTo("primary-1");
    assertThat(ClusterTls.load(second.resolve("cluster")).nodeName()).isEqualTo("frontend-1");
    assertThat(first.resolve("cluster-ca/self.bundle.pem")).doesNotExist();
  }

  @Test
  void mistakesAreOneLineAndANonZeroExit() throws Exception {
    CliProcess caMachine =
        new CliProcess(first, Map.of("MAILVAULT_CLUSTER_NODE_NAME", "primary-1"));
    assertThat(caMachine.run("cluster", "init").exitCode()).isZero();

    Result again = caMachine.run("cluster", "init");
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.stderr().strip())
        .doesNotContain("\n")
        .contains("already has a cluster certificate");

    Result badName = caMachine.run("cluster", "issue", "no/such", "--out", "x.pem");
    assertThat(badName.exitCode()).isEqualTo(1);
    assertThat(badName.stderr().strip()).doesNotContain("\n").contains("node name");

    Result noCa = new CliProcess(second).run("cluster", "issue", "node-2", "--out", "x.pem");
    assertThat(noCa.exitCode()).isEqualTo(1);
    assertThat(noCa.stderr().strip()).doesNotContain("\n").contains("no cluster CA");

    Result missing =
        new CliProcess(second).run("cluster", "join", second.resolve("nope.pem").toString());
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.stderr().strip()).doesNotContain("\n").contains("no such file");
    assertThat(second.resolve("cluster")).doesNotExist();
  }
}
