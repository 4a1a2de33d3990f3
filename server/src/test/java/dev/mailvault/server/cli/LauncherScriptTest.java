package dev.mailvault.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./mailvault} launcher at the repository root, run in a copy of the repository's shape
 * where {@code mvnw} and {@code java} are stand-ins that record how they were called: the first run
 * says on stderr that it builds, and passes the commit for {@code --version}; a later run with
 * nothing changed builds nothing and says nothing.
 */
class LauncherScriptTest {

  @TempDir Path root;

  @Test
  void theFirstBuildSaysWhatItIsDoing() throws Exception {
    Path launcher = Path.of("").toAbsolutePath().getParent().resolve("mailvault");
    assertThat(launcher).isRegularFile();
    Files.copy(launcher, root.resolve("mailvault"));
    executable(
        root.resolve("mvnw"),
        "echo \"$@\" > mvnw-args\nmkdir -p server/target\n: > server/target/mailvault.jar\n");
    Path bin = Files.createDirectories(root.resolve("bin"));
    executable(bin.resolve("java"), "echo \"java $*\"\n");

    Output first = run();
    assertThat(first.exit()).as(first.toString()).isZero();
    assertThat(first.stderr()).isEqualTo("building Mailvault (first run, about a minute)...\n");
    assertThat(first.stdout()).contains("-jar", "mailvault.jar --version");
    // Outside a git repository the commit is unknown; inside, git's short hash.
    assertThat(Files.readString(root.resolve("mvnw-args")))
        .contains("-Dmailvault.commit=unknown", "-pl server -am package");

    Output again = run();
    assertThat(again.stderr()).isEmpty();

    Path source = Files.createDirectories(root.resolve("core/src/main")).resolve("A.java");
    Files.writeString(source, "class A {}\n");
    FileTime jarTime = Files.getLastModifiedTime(root.resolve("server/target/mailvault.jar"));
    Files.setLastModifiedTime(source, FileTime.fromMillis(jarTime.toMillis() + 60_000));
    assertThat(run().stderr()).isEqualTo("rebuilding Mailvault (sources changed)...\n");
  }

  private static void executable(Path file, String body) throws IOException {
    Files.writeString(file, "#!/bin/sh\n" + body);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private Output run() throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder("bash", root.resolve("mailvault").toString(), "--version");
    builder.environment().put("PATH", root.resolve("bin") + ":" + System.getenv("PATH"));
    builder.environment().remove("MAILVAULT_JAVA_OPTS");
    builder.redirectOutput(root.resolve("stdout").toFile());
    builder.redirectError(root.resolve("stderr").toFile());
    Process process = builder.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the launcher finished").isTrue();
    return new Output(
        process.exitValue(),
        Files.readString(root.resolve("stdout"), StandardCharsets.UTF_8),
        Files.readString(root.resolve("stderr"), StandardCharsets.UTF_8));
  }

  private record Output(int exit, String stdout, String stderr) {}
}
