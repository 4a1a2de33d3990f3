package dev.mailvault.server.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code mailvault} as a real child process (the same main class the launcher starts), with a
 * data directory, optional standard input and environment, and collects its exit code and output.
 * No terminal is attached, as in a script.
 */
public final class CliProcess {

  private final Path data;
  private final Map<String, String> env;

  public CliProcess(Path data, Map<String, String> env) {
    this.data = data;
    this.env = env;
  }

  CliProcess(Path data) {
    this(data, Map.of());
  }

  public Result runWithInput(String stdin, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Short-lived commands: the C1 compiler and serial GC start fastest.
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("dev.mailvault.server.Main");
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("MAILVAULT_DATA", data.toString());
    builder.environment().putAll(env);
    Process process = builder.start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Thread outPump = pump(process.getInputStream(), out);
    Thread errPump = pump(process.getErrorStream(), err);
    try (OutputStream in = process.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    }
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("mailvault " + String.join(" ", args) + " did not finish");
    }
    outPump.join();
    errPump.join();
    return new Result(
        process.exitValue(),
        out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  public Result run(String... args) throws IOException, InterruptedException {
    return runWithInput(null, args);
  }

  private static Thread pump(InputStream from, OutputStream to) {
    Thread t =
        new Thread(
            () -> {
              try {
                from.transferTo(to);
              } catch (IOException ignored) {
                // The process ended; what was read is what there is.
              }
            });
    t.start();
    return t;
  }

  public record Result(int exitCode, String stdout, String stderr) {

    /** The value after {@code password: } (or {@code new password: }) on stdout. */
    String password() {
      for (String line : stdout.split("\\R")) {
        String trimmed = line.trim();
        for (String label : new String[] {"new password: ", "password: "}) {
          if (trimmed.startsWith(label)) {
            return trimmed.substring(label.length()).split("\\s")[0];
          }
        }
      }
      throw new AssertionError("no password in: " + stdout);
    }
  }
}
