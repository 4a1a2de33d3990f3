package dev.mailvault.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailvault.server.backup.BackupFixture;
import dev.mailvault.server.cli.CliProcess.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mailvault backup ...} as a script runs it without a server: real processes, real files.
 */
class BackupCommandTest {

  private static final String ALIAS = "hello@example.com";
  private static final String PW = BackupFixture.PASSWORD + "\n";

  @TempDir Path data;
  @TempDir Path out;

  private CliProcess cli() {
    return new CliProcess(data);
  }

  @Test
  void createListDownloadAndRestoreWithThePassword() throws Exception {
    BackupFixture.addAlias(data, ALIAS);
    BackupFixture.append(data, ALIAS, 1, 5);

    Result first = cli().runWithInput(PW, "backup", "create", ALIAS, "--password-stdin");
    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(first.stdout()).startsWith("backed up " + ALIAS + ": ");
    Result again = cli().runWithInput(PW, "backup", "create", ALIAS, "--password-stdin");
    assertThat(again.stdout()).contains("is unchanged since its backup of");

    Result listed = cli().run("--json", "backup", "list", ALIAS);
    assertThat(listed.exitCode()).as(listed.toString()).isZero();
    JsonNode rows = new ObjectMapper().readTree(listed.stdout());
    assertThat(rows).hasSize(1);
    String created = rows.get(0).get("created").asText();

    Path file = out.resolve("hello.vault");
    Result downloaded =
        cli().run("backup", "download", ALIAS, "--at", created, "-o", file.toString());
    assertThat(downloaded.exitCode()).as(downloaded.toString()).isZero();
    assertThat(file).isRegularFile();
    Path manifest = out.resolve("hello.vault.json");
    assertThat(Files.readString(manifest)).contains("\"sha256\"", "\"wrappedKey\"");

    // Every byte under the backups folder and what was downloaded: no message text, no address.
    try (Stream<Path> stored = Files.walk(data.resolve("backups"))) {
      List<Path> files =
          Stream.concat(stored.filter(Files::isRegularFile), Stream.of(file, manifest)).toList();
      assertThat(files).hasSizeGreaterThanOrEqualTo(4);
      for (Path f : files) {
        assertThat(Files.readString(f, StandardCharsets.ISO_8859_1))
            .as(f.toString())
            .doesNotContain(
                BackupFixture.SUBJECT_MARK, BackupFixture.BODY_MARK, "hello@", "example.com");
      }
    }

    BackupFixture.append(data, ALIAS, 6, 3);
    assertThat(BackupFixture.inboxUids(data, ALIAS)).hasSize(8);
    Result restored = cli().runWithInput(PW, "backup", "restore", ALIAS, "--password-stdin");
    assertThat(restored.exitCode()).as(restored.toString()).isZero();
    assertThat(restored.stdout())
        .startsWith("restored " + ALIAS + " from its backup of " + created)
        .contains("safety backup: uploaded");
    assertThat(BackupFixture.inboxUids(data, ALIAS)).containsExactly(1, 2, 3, 4, 5);
    // The directory's usage follows the restored vault.
    JsonNode aliases = new ObjectMapper().readTree(cli().run("--json", "alias", "list").stdout());
    assertThat(aliases.get(0).get("messages").asLong()).isEqualTo(5);

    // The safety backup is now the newest: restoring again undoes the restore.
    Result undo = cli().runWithInput(PW, "backup", "restore", ALIAS, "--password-stdin");
    assertThat(undo.exitCode()).as(undo.toString()).isZero();
    assertThat(BackupFixture.inboxUids(data, ALIAS)).hasSize(8);
  }

  @Test
  void badInputIsOneClearLine() throws Exception {
    BackupFixture.addAlias(data, ALIAS);
    assertOneLine(cli().run("backup", "create"), 1, "give an ADDRESS or --all");
    assertOneLine(cli().run("backup", "create", "--all"), 1, "--all needs a running server");
    assertOneLine(
        cli().runWithInput("wrong password here\n", "backup", "create", ALIAS, "--password-stdin"),
        1,
        "wrong password");
    assertOneLine(
        cli().runWithInput(PW, "backup", "restore", ALIAS, "--password-stdin"), 1, "no backup yet");
    assertOneLine(
        cli().run("backup", "download", ALIAS, "--at", "yesterday", "-o", "x"),
        1,
        "'yesterday' is not a time");
    assertOneLine(cli().run("backup", "list", "nobody@example.com"), 1, "no such alias");
    assertOneLine(cli().run("backup", "list", "not an address"), 1, "not an address");
    assertOneLine(cli().run("backup", "download", ALIAS), 2, "-o");
  }

  private static void assertOneLine(Result r, int exitCode, String text) {
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(exitCode);
    assertThat(r.stderr().lines().filter(l -> l.startsWith("mailvault: ")).toList())
        .as(r.stderr())
        .hasSize(1)
        .first()
        .asString()
        .contains(text);
    assertThat(r.stderr()).doesNotContain("Exception", "\tat ");
  }
}
