package dev.mailvault.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailvault.server.cli.CliProcess.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI as a script sees it: a real process, exit codes, one line per error, no stack trace. */
class CliCommandsTest {

  @TempDir Path data;

  private CliProcess cli() {
    return new CliProcess(data);
  }

  private static void assertOneCleanErrorLine(Result r, int exitCode, String text) {
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(exitCode);
    assertThat(r.stderr().lines().filter(l -> l.startsWith("mailvault: ")).toList())
        .as(r.stderr())
        .hasSize(1)
        .first()
        .asString()
        .contains(text);
    assertThat(r.stderr()).doesNotContain("Exception", "\tat ");
  }

  @Test
  void helpListsEveryCommand() throws Exception {
    Result help = cli().run("--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.stdout()).contains("serve", "domain", "alias", "demo");
    Result aliasHelp = cli().run("alias", "--help");
    assertThat(aliasHelp.stdout()).contains("add", "list", "remove", "passwd");
  }

  @Test
  void domainAndAliasLifecycle() throws Exception {
    assertThat(cli().run("domain", "add", "Example.COM").stdout())
        .contains("added domain example.com");

    Result added = cli().run("alias", "add", "Hello@example.com");
    assertThat(added.exitCode()).as(added.stderr()).isZero();
    String password = added.password();
    assertThat(password).hasSize(24).matches("[A-Za-z0-9]+");

    Result list = cli().run("alias", "list");
    assertThat(list.stdout()).contains("Hello@example.com").doesNotContain(password);
    assertThat(cli().run("domain", "list").stdout()).contains("example.com");

    // The old password unlocks exactly once: after the change only the new one works.
    Result changed =
        cli()
            .runWithInput(
                password + "\n", "alias", "passwd", "hello@example.com", "--password-stdin");
    assertThat(changed.exitCode()).as(changed.stderr()).isZero();
    String newPassword = changed.password();
    assertThat(newPassword).isNotEqualTo(password).hasSize(24);
    assertOneCleanErrorLine(
        cli()
            .runWithInput(
                password + "\n", "alias", "passwd", "hello@example.com", "--password-stdin"),
        1,
        "authentication failed");
    Result chosen =
        cli()
            .runWithInput(
                newPassword + "\nchosen-by-a-person-123\n",
                "alias",
                "passwd",
                "hello@example.com",
                "--new-password-stdin");
    assertThat(chosen.exitCode()).as(chosen.stderr()).isZero();

    Result removed = cli().run("alias", "remove", "HELLO@example.com");
    assertThat(removed.exitCode()).as(removed.stderr()).isZero();
    assertThat(removed.stdout()).contains("removed alias", ".sqlite");
    try (var files = Files.list(data.resolve("vaults"))) {
      assertThat(files.toList()).isEmpty();
    }
    assertThat(cli().run("alias", "list").stdout()).contains("no aliases");
  }

  @Test
  void jsonOutputIsParseable() throws Exception {
    cli().run("domain", "add", "example.org");
    Result added = cli().run("--json", "alias", "add", "ops@example.org");
    JsonNode node = new ObjectMapper().readTree(added.stdout());
    assertThat(node.get("address").asText()).isEqualTo("ops@example.org");
    assertThat(node.get("password").asText()).hasSize(24);
    JsonNode list = new ObjectMapper().readTree(cli().run("alias", "list", "--json").stdout());
    assertThat(list.isArray()).isTrue();
    assertThat(list.get(0).get("address").asText()).isEqualTo("ops@example.org");
    assertThat(list.get(0).get("messages").asLong()).isZero();
  }

  @Test
  void badInputIsOneReadableLineAndNonZeroExit() throws Exception {
    assertOneCleanErrorLine(cli().run("alias", "add", "not-an-address"), 1, "not-an-address");
    assertOneCleanErrorLine(cli().run("alias", "add", "a@unknown.example"), 1, "unknown.example");
    cli().run("domain", "add", "example.net");
    assertOneCleanErrorLine(cli().run("domain", "add", "example.net"), 1, "example.net");
    assertThat(cli().run("alias", "add", "dup@example.net").exitCode()).isZero();
    assertOneCleanErrorLine(cli().run("alias", "add", "DUP@example.net"), 1, "exists");
    assertOneCleanErrorLine(
        cli().runWithInput("short\n", "alias", "add", "x@example.net", "--password-stdin"),
        1,
        "12");
    assertOneCleanErrorLine(
        cli().run("alias", "remove", "nobody@example.net"), 1, "nobody@example.net");
    assertOneCleanErrorLine(cli().run("domain", "remove", "example.net"), 1, "example.net");
    // No terminal to confirm on: a reset must not discard a mailbox unasked.
    assertOneCleanErrorLine(cli().run("alias", "passwd", "dup@example.net", "--reset"), 1, "--yes");
    assertOneCleanErrorLine(cli().run("alias", "passwd", "dup@example.net"), 1, "--password-stdin");

    Result bareGroup = cli().run("alias");
    assertThat(bareGroup.exitCode()).isEqualTo(2);
    assertThat(bareGroup.stderr()).contains("missing subcommand").doesNotContain("\tat ");

    Result usage = cli().run("alias", "add");
    assertThat(usage.exitCode()).isEqualTo(2);
    assertThat(usage.stderr())
        .contains("Try 'mailvault alias add --help'.")
        .doesNotContain("\tat ");
  }

  @Test
  void resetDiscardsTheMailboxAndGivesANewPassword() throws Exception {
    cli().run("domain", "add", "example.com");
    String old = cli().run("alias", "add", "me@example.com").password();
    Result reset = cli().run("alias", "passwd", "me@example.com", "--reset", "--yes");
    assertThat(reset.exitCode()).as(reset.stderr()).isZero();
    assertThat(reset.stdout()).contains("discarded");
    String fresh = reset.password();
    assertThat(fresh).isNotEqualTo(old);
    assertOneCleanErrorLine(
        cli().runWithInput(old + "\n", "alias", "passwd", "me@example.com", "--password-stdin"),
        1,
        "authentication failed");
    assertThat(
            cli()
                .runWithInput(fresh + "\n", "alias", "passwd", "me@example.com", "--password-stdin")
                .exitCode())
        .isZero();
    try (var files = Files.list(data.resolve("vaults"))) {
      assertThat(files.filter(f -> f.toString().endsWith(".sqlite")).count()).isEqualTo(1);
    }
  }

  @Test
  void forcedDomainRemovalTakesItsAliasesAndVaults() throws Exception {
    cli().run("domain", "add", "gone.example");
    cli().run("alias", "add", "a@gone.example");
    cli().run("alias", "add", "b@gone.example");
    Result removed = cli().run("domain", "remove", "gone.example", "--force");
    assertThat(removed.exitCode()).as(removed.stderr()).isZero();
    assertThat(removed.stdout()).contains("a@gone.example", "b@gone.example");
    try (var files = Files.list(data.resolve("vaults"))) {
      assertThat(files.toList()).isEmpty();
    }
  }

  @Test
  void demoCreatesTheDemoAliasOnce() throws Exception {
    Result demo = cli().run("demo");
    assertThat(demo.exitCode()).as(demo.stderr()).isZero();
    assertThat(demo.stdout())
        .contains("hello@demo.test")
        .contains("port 1993 (SSL/TLS) or 1143 (STARTTLS)")
        .contains("port 1995 (SSL/TLS) or 1110 (STLS)")
        .contains("arrives over SMTP on port 2525")
        .doesNotContain("IMAP, POP3 and SMTP listeners are not part");
    assertThat(demo.password()).hasSize(24);
    assertOneCleanErrorLine(cli().run("demo"), 1, "exists already");
  }

  @Test
  void unusableDataDirectoryIsOneLine() throws Exception {
    Path readOnly = data.resolve("ro");
    Files.createDirectories(readOnly);
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      if (Files.isWritable(readOnly)) {
        // Running as root: permissions do not stop us, so use a path under a regular file instead.
        Path file = Files.writeString(data.resolve("plain-file"), "x");
        assertOneCleanErrorLine(
            new CliProcess(file.resolve("data")).run("domain", "list"),
            1,
            "cannot use data directory " + file.resolve("data") + ": not a directory: ");
      } else {
        assertOneCleanErrorLine(
            new CliProcess(readOnly.resolve("data")).run("domain", "list"),
            1,
            "cannot use data directory "
                + readOnly.resolve("data")
                + ": permission denied: "
                + readOnly.resolve("data"));
      }
    } finally {
      Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }
}
