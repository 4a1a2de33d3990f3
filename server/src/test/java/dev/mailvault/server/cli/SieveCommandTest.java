package dev.mailvault.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailvault.server.cli.CliProcess.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mailvault sieve put|get|check|list|activate|delete} as a person or script sees it. */
class SieveCommandTest {

  private static final String ALIAS = "alice@example.com";
  private static final String SCRIPT =
      "require \"fileinto\";\nif header :contains \"subject\" \"[dev]\" {\n  fileinto \"Dev\";\n}\n";

  @TempDir Path data;
  @TempDir Path files;

  private CliProcess cli() {
    return new CliProcess(data);
  }

  @BeforeEach
  void alias() throws Exception {
    cli().run("domain", "add", "example.com");
    assertThat(cli().run("alias", "add", ALIAS).exitCode()).isZero();
  }

  private Path file(String name, String text) throws Exception {
    return Files.writeString(files.resolve(name), text, StandardCharsets.UTF_8);
  }

  @Test
  void putListActivateGetAndDelete() throws Exception {
    Path filters = file("filters.sieve", SCRIPT);

    Result put = cli().run("sieve", "put", ALIAS, filters.toString(), "--activate");
    assertThat(put.exitCode()).as(put.stderr()).isZero();
    assertThat(put.stdout()).contains("stored script 'filters' of " + ALIAS + " (active)");
    assertThat(cli().run("sieve", "put", ALIAS, filters.toString(), "--name", "spare").exitCode())
        .isZero();

    Result list = cli().run("sieve", "list", ALIAS);
    assertThat(list.stdout()).containsPattern("filters\\s+true").containsPattern("spare\\s+false");
    assertThat(cli().run("sieve", "get", ALIAS).stdout()).isEqualTo(SCRIPT);
    assertThat(cli().run("sieve", "get", ALIAS, "spare").stdout()).isEqualTo(SCRIPT);

    Result refused = cli().run("sieve", "delete", ALIAS, "filters");
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.stderr().strip())
        .isEqualTo("mailvault: " + ALIAS + ": the active script cannot be deleted");

    assertThat(cli().run("sieve", "activate", ALIAS, "--none").stdout())
        .contains("no script of " + ALIAS + " is active");
    assertThat(cli().run("sieve", "delete", ALIAS, "filters").exitCode()).isZero();
    assertThat(cli().run("sieve", "activate", ALIAS, "spare").exitCode()).isZero();
    Result json = cli().run("--json", "sieve", "list", ALIAS);
    assertThat(json.stdout()).contains("\"name\" : \"spare\"").contains("\"active\" : true");
    assertThat(json.stdout()).doesNotContain("filters");
  }

  @Test
  void aScriptWithAnErrorIsOneLineWithItsLineAndNothingIsStored() throws Exception {
    Path broken = file("broken.sieve", "keep;\nfileinto \"Dev\";\n");

    for (Result r :
        new Result[] {
          cli().run("sieve", "check", broken.toString()),
          cli().run("sieve", "check", ALIAS, broken.toString()),
          cli().run("sieve", "put", ALIAS, broken.toString())
        }) {
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
      assertThat(r.stderr().lines().toList()).as(r.stderr()).hasSize(1);
      assertThat(r.stderr()).matches("(?s)mailvault: .*: line 2: .+\\R");
    }
    assertThat(cli().run("sieve", "list", ALIAS).stdout()).contains("no scripts");

    Result valid = cli().run("sieve", "check", file("ok.sieve", SCRIPT).toString());
    assertThat(valid.exitCode()).as(valid.stderr()).isZero();
    assertThat(valid.stdout()).contains("ok.sieve: valid");
  }

  @Test
  void unknownAliasesMissingScriptsAndFilesAreOneLine() throws Exception {
    Path ok = file("ok.sieve", SCRIPT);
    for (Result r :
        new Result[] {
          cli().run("sieve", "put", "nobody@example.com", ok.toString()),
          cli().run("sieve", "get", ALIAS, "missing"),
          cli().run("sieve", "get", ALIAS),
          cli().run("sieve", "activate", ALIAS, "missing"),
          cli().run("sieve", "check", files.resolve("absent.sieve").toString()),
          cli().run("sieve", "check", "nobody@example.com", ok.toString())
        }) {
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
      assertThat(r.stderr().lines().toList()).as(r.stderr()).hasSize(1);
      assertThat(r.stderr()).startsWith("mailvault: ").doesNotContain("Exception", "\tat ");
    }
  }
}
