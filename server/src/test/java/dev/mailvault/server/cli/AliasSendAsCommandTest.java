package dev.mailvault.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.server.cli.CliProcess.Result;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mailvault alias send-as add|remove|list} as a script sees it (ADR 0203). */
class AliasSendAsCommandTest {

  @TempDir Path data;

  private CliProcess cli() {
    return new CliProcess(data);
  }

  @Test
  void addListAndRemove() throws Exception {
    cli().run("domain", "add", "example.com");
    assertThat(cli().run("alias", "add", "alice@example.com").exitCode()).isZero();

    Result added = cli().run("alias", "send-as", "add", "alice@example.com", "Team@Other.org");
    assertThat(added.exitCode()).as(added.stderr()).isZero();
    assertThat(added.stdout()).contains("alice@example.com may now send as Team@other.org");
    assertThat(cli().run("alias", "send-as", "list", "alice@example.com").stdout())
        .contains("Team@other.org");

    Result removed = cli().run("alias", "send-as", "remove", "alice@example.com", "team@other.org");
    assertThat(removed.stdout()).contains("may no longer send as");
    assertThat(cli().run("alias", "send-as", "list", "alice@example.com").stdout())
        .contains("no send-as addresses");
  }

  @Test
  void anUnknownAliasOrABadAddressIsOneLineAndNonZero() throws Exception {
    cli().run("domain", "add", "example.com");
    for (Result r :
        new Result[] {
          cli().run("alias", "send-as", "add", "nobody@example.com", "x@other.org"),
          cli().run("alias", "send-as", "add", "nobody@example.com", "not an address")
        }) {
      assertThat(r.exitCode()).as(r.toString()).isNotZero();
      assertThat(r.stderr().lines().filter(l -> l.startsWith("mailvault: ")).toList())
          .as(r.stderr())
          .hasSize(1);
      assertThat(r.stderr()).doesNotContain("Exception", "\tat ");
    }
  }
}
