package dev.mailvault.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.directory.Directory;
import dev.mailvault.directory.jdbc.SqliteDirectory;
import dev.mailvault.server.cli.CliProcess.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mailvault admin add|list|remove|reset-2fa} as a script sees it (ADR 0263). */
class AdminCommandTest {

  @TempDir Path data;

  private CliProcess cli() {
    return new CliProcess(data);
  }

  @Test
  void addPrintsAPasswordOnceThatLogsIn() throws Exception {
    Result added = cli().run("admin", "add", "Alice");
    assertThat(added.exitCode()).as(added.stderr()).isZero();
    assertThat(added.stdout()).contains("added admin alice", "shown once");
    String password = added.password();
    assertThat(password).hasSize(24);

    Result listed = cli().run("admin", "list");
    assertThat(listed.stdout()).contains("alice", "not yet").doesNotContain(password);
    try (Directory directory = SqliteDirectory.open(data, Optional.empty())) {
      assertThat(directory.adminAccounts().authenticate("alice", password.toCharArray()))
          .isPresent();
    }

    Result again = cli().run("admin", "add", "alice");
    assertThat(again.exitCode()).isNotZero();
    assertThat(again.stderr()).contains("already exists").doesNotContain("Exception");
  }

  @Test
  void passwordFromStdin() throws Exception {
    Result added =
        cli().runWithInput("a password of my own\n", "admin", "add", "bob", "--password-stdin");
    assertThat(added.exitCode()).as(added.stderr()).isZero();
    assertThat(added.stdout()).contains("added admin bob").doesNotContain("password:");
    try (Directory directory = SqliteDirectory.open(data, Optional.empty())) {
      assertThat(
              directory.adminAccounts().authenticate("bob", "a password of my own".toCharArray()))
          .isPresent();
    }
  }

  @Test
  void resetTwoFactorAndRemove() throws Exception {
    try (Directory directory = SqliteDirectory.open(data, Optional.empty())) {
      directory.adminAccounts().add("ops");
    }
    try (Directory directory = SqliteDirectory.open(data, Optional.empty())) {
      assertThat(
              directory
                  .adminAccounts()
                  .enroll(
                      "ops",
                      new byte[] {1, 2, 3},
                      5,
                      List.of("d1".getBytes(StandardCharsets.US_ASCII))))
          .isTrue();
    }
    Result reset = cli().run("admin", "reset-2fa", "ops");
    assertThat(reset.exitCode()).as(reset.stderr()).isZero();
    assertThat(reset.stdout()).contains("reset the two-factor login of ops");
    try (Directory directory = SqliteDirectory.open(data, Optional.empty())) {
      assertThat(directory.adminAccounts().find("ops").orElseThrow().enrolled()).isFalse();
      assertThat(directory.adminAccounts().credentials("ops").orElseThrow().sealedTotpSecret())
          .isEmpty();
    }

    assertThat(cli().run("admin", "remove", "ops").stdout()).contains("removed admin ops");
    try (Directory directory = SqliteDirectory.open(data, Optional.empty())) {
      assertThat(directory.adminAccounts().list()).isEmpty();
    }
    for (Result r :
        new Result[] {
          cli().run("admin", "remove", "ops"), cli().run("admin", "add", "not a name")
        }) {
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
      assertThat(r.stderr().lines().filter(l -> l.startsWith("mailvault: ")).toList()).hasSize(1);
      assertThat(r.stderr()).doesNotContain("Exception", "\tat ");
    }
  }
}
