package dev.mailvault.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailvault.server.cli.CliProcess.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mailvault export} and {@code import} as a script runs them: real processes, the password
 * on standard input, JSON results, one clear line and a non-zero exit for bad input, and no
 * plaintext in any temporary directory.
 */
class ExportImportCliTest {

  private static final String MARKER = "zebra-secret-marker";

  @TempDir Path root;

  private static void assertOneCleanErrorLine(Result r, String text) {
    assertThat(r.exitCode()).as(r.toString()).isNotZero();
    assertThat(r.stderr().lines().filter(l -> l.startsWith("mailvault: ")).toList())
        .as(r.stderr())
        .singleElement()
        .asString()
        .contains(text);
    assertThat(r.stderr()).doesNotContain("Exception", "\tat ");
  }

  @Test
  void exportAndImportEndToEndWithCleanErrors() throws Exception {
    Path data = root.resolve("data");
    Path tmp = Files.createDirectories(root.resolve("tmp"));
    Path out = Files.createDirectories(root.resolve("out"));
    // Every temporary-file location a JVM or SQLite would use points into tmp, checked at the end.
    CliProcess cli =
        new CliProcess(
            data,
            Map.of(
                "JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + tmp,
                "TMPDIR", tmp.toString(),
                "SQLITE_TMPDIR", tmp.toString()));
    ObjectMapper json = new ObjectMapper();
    Result domain = cli.run("domain", "add", "example.com");
    assertThat(domain.exitCode()).as(domain.toString()).isZero();
    String first = cli.run("alias", "add", "first@example.com").password();
    String second = cli.run("alias", "add", "second@example.com").password();

    Path mbox =
        Files.writeString(
            root.resolve("in.mbox"),
            "From a@example.com Mon Jan  6 10:00:00 2020\n"
                + "Status: RO\nX-Keywords: work\nSubject: "
                + MARKER
                + " one\n\nbody one\n\n"
                + "From b@example.com Tue Jan  7 11:00:00 2020\n"
                + "Subject: "
                + MARKER
                + " two\n\n>From escaped\n\n");

    Result imported =
        cli.runWithInput(
            first + "\n",
            "--json",
            "import",
            "first@example.com",
            "--from",
            "mbox",
            mbox.toString(),
            "--folder",
            "Old/Letters",
            "--password-stdin");
    assertThat(imported.exitCode()).as(imported.toString()).isZero();
    assertThat(json.readTree(imported.stdout()).get("added").asLong()).isEqualTo(2);
    assertThat(imported.stderr()).contains("import: 2 messages");

    Result again =
        cli.runWithInput(
            first + "\n",
            "--json",
            "import",
            "first@example.com",
            "--from",
            "mbox",
            mbox.toString(),
            "--folder",
            "Old/Letters",
            "--password-stdin");
    JsonNode rerun = json.readTree(again.stdout());
    assertThat(rerun.get("added").asLong()).isZero();
    assertThat(rerun.get("skipped").asLong()).isEqualTo(2);

    for (String format : List.of("mbox", "eml-zip", "sqlite")) {
      Path file = out.resolve("first." + format);
      Result exported =
          cli.runWithInput(
              first + "\n",
              "--json",
              "export",
              "first@example.com",
              "--format",
              format,
              "-o",
              file.toString(),
              "--password-stdin");
      assertThat(exported.exitCode()).as(exported.toString()).isZero();
      JsonNode result = json.readTree(exported.stdout());
      assertThat(result.get("messages").asLong()).isEqualTo(2);
      assertThat(result.get("file").asText()).isEqualTo(file.toString());
      assertThat(exported.stderr()).contains("export: 2 messages");
    }
    String exportedMbox = Files.readString(out.resolve("first.mbox"), StandardCharsets.UTF_8);
    assertThat(exportedMbox)
        .contains("X-Mailvault-Folder: Old/Letters", "Status: RO", "X-Keywords: work")
        .contains(">From escaped");
    assertThat(Files.readString(out.resolve("first.sqlite"), StandardCharsets.ISO_8859_1))
        .doesNotContain(MARKER);

    Result intoSecond =
        cli.runWithInput(
            second + "\n",
            "--json",
            "import",
            "second@example.com",
            "--from",
            "eml-zip",
            out.resolve("first.eml-zip").toString(),
            "--password-stdin");
    assertThat(json.readTree(intoSecond.stdout()).get("added").asLong()).isEqualTo(2);
    Path back = out.resolve("second.mbox");
    cli.runWithInput(
        second + "\n",
        "export",
        "second@example.com",
        "--format",
        "mbox",
        "-o",
        back.toString(),
        "--password-stdin");
    assertThat(Files.readString(back, StandardCharsets.UTF_8)).isEqualTo(exportedMbox);

    assertOneCleanErrorLine(
        cli.runWithInput(
            first + "\n",
            "export",
            "first@example.com",
            "--format",
            "pst",
            "-o",
            out.resolve("x").toString(),
            "--password-stdin"),
        "unknown format 'pst'; use mbox, eml-zip or sqlite");
    assertOneCleanErrorLine(
        cli.runWithInput(
            "not the password\n",
            "export",
            "first@example.com",
            "--format",
            "mbox",
            "-o",
            out.resolve("y").toString(),
            "--password-stdin"),
        "first@example.com");
    assertOneCleanErrorLine(
        cli.runWithInput(
            first + "\n",
            "export",
            "first@example.com",
            "--format",
            "mbox",
            "-o",
            out.resolve("first.mbox").toString(),
            "--password-stdin"),
        "exists");
    assertOneCleanErrorLine(
        cli.runWithInput(
            first + "\n",
            "import",
            "first@example.com",
            "--from",
            "mbox",
            root.resolve("missing.mbox").toString(),
            "--password-stdin"),
        "no such file: " + root.resolve("missing.mbox"));
    assertOneCleanErrorLine(
        cli.runWithInput(
            first + "\n",
            "import",
            "first@example.com",
            "--from",
            "pst",
            mbox.toString(),
            "--password-stdin"),
        "unknown source 'pst'");
    assertOneCleanErrorLine(
        cli.runWithInput(
            first + "\n",
            "import",
            "first@example.com",
            "--from",
            "maildir",
            mbox.toString(),
            "--password-stdin"),
        "is not a directory");

    try (Stream<Path> left = Files.walk(tmp)) {
      assertThat(left.filter(Files::isRegularFile).toList()).isEmpty();
    }
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("first.mbox", "first.eml-zip", "first.sqlite", "second.mbox");
    }
  }
}
