package dev.mailvault.core.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program that is not ours (python3, curl, mbsync, node, swaks) as a real child process and
 * collects what it printed. Shared by the protocol modules' client tests through core's test jar.
 * Tests skip only when the program is absent from {@code PATH}; a program that is present but fails
 * makes the test fail with its output.
 */
public final class ExternalProgram {

  /** What a finished run left: its exit code and its standard output and error, interleaved. */
  public record Result(int exitCode, String output) {

    /** Fails with the program's own words unless it exited 0. */
    public Result requireSuccess() {
      if (exitCode != 0) {
        throw new AssertionError("exit code " + exitCode + ", output:\n" + output);
      }
      return this;
    }
  }

  private ExternalProgram() {}

  /** True when an executable of that name is on {@code PATH}. */
  public static boolean installed(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String folder : path.split(File.pathSeparator)) {
      if (!folder.isEmpty() && Files.isExecutable(Path.of(folder, name))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Runs {@code command} in {@code workingDirectory} with extra environment variables, killing it
   * after {@code timeout}. Standard input is empty so a program that asks a question fails.
   */
  public static Result run(
      Path workingDirectory,
      Map<String, String> environment,
      Duration timeout,
      List<String> command)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile(workingDirectory, "program", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workingDirectory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().putAll(environment);
    Process process = builder.start();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor();
      throw new AssertionError(
          command.get(0)
              + " did not finish within "
              + timeout
              + ", output:\n"
              + Files.readString(log, StandardCharsets.UTF_8));
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    Files.delete(log);
    return new Result(process.exitValue(), output);
  }

  public static Result run(Path workingDirectory, Duration timeout, String... command)
      throws IOException, InterruptedException {
    return run(workingDirectory, Map.of(), timeout, List.of(command));
  }
}
