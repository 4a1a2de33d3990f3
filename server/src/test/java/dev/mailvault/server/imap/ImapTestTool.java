package dev.mailvault.server.imap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dovecot's ImapTest, as {@code ../shared/tools/imaptest/build.sh} builds it beside the repository
 * (CI always has it) into {@code ~/.cache/imaptest}: the binary, its scripted test groups, and the
 * reading of its output.
 */
final class ImapTestTool {

  private static final Pattern GROUPS =
      Pattern.compile("(?m)^(\\d+) test groups: (\\d+) failed, (\\d+) skipped");
  private static final Pattern FAILED_GROUP = Pattern.compile("(?m)^\\*\\*\\* Test (\\S+) ");
  private static final Pattern ERROR = Pattern.compile("(?m)^Error: .*$");

  private final Path home;

  private ImapTestTool(Path home) {
    this.home = home;
  }

  /**
   * Builds ImapTest when its build script is beside the repository (idempotent: quick once built),
   * else uses a binary built before; empty when neither is there.
   *
   * @throws IOException when the build script is there but fails: CI must not skip silently
   */
  static Optional<ImapTestTool> locate() throws IOException, InterruptedException {
    Path home = Path.of(System.getProperty("user.home"), ".cache", "imaptest");
    // Surefire runs in the module's directory; the repository's parent holds shared/.
    Path script =
        Path.of("").toAbsolutePath().getParent().resolve("../shared/tools/imaptest/build.sh");
    if (Files.isRegularFile(script)) {
      Path log = Files.createTempFile("imaptest-build", ".log");
      try {
        Process build =
            new ProcessBuilder("bash", script.normalize().toString(), home.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!build.waitFor(15, TimeUnit.MINUTES)) {
          build.destroyForcibly();
          throw new IOException("ImapTest's build did not finish in 15 minutes");
        }
        if (build.exitValue() != 0) {
          throw new IOException(
              "ImapTest's build failed (" + build.exitValue() + "):\n" + Files.readString(log));
        }
      } finally {
        Files.deleteIfExists(log);
      }
    }
    if (Files.isExecutable(home.resolve("imaptest")) && Files.isDirectory(home.resolve("tests"))) {
      return Optional.of(new ImapTestTool(home));
    }
    return Optional.empty();
  }

  /** The folder of scripted test groups. */
  Path tests() {
    return home.resolve("tests");
  }

  /** The scripted test groups: every file of {@link #tests()} but the mailbox files. */
  List<String> groups() throws IOException {
    try (var files = Files.list(tests())) {
      return files
          .filter(Files::isRegularFile)
          .map(file -> file.getFileName().toString())
          .filter(name -> !name.endsWith(".mbox"))
          .sorted()
          .toList();
    }
  }

  /** How many sessions a group opens at once (its {@code connections:} header), 1 by default. */
  int connections(String group) throws IOException {
    for (String line : Files.readAllLines(tests().resolve(group), StandardCharsets.ISO_8859_1)) {
      if (line.isBlank()) {
        break;
      }
      if (line.startsWith("connections:")) {
        return Integer.parseInt(line.substring("connections:".length()).trim());
      }
    }
    return 1;
  }

  /** Runs ImapTest with {@code args} in its home; fails when it runs past {@code limit}. */
  Run run(Duration limit, List<String> args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(home.resolve("imaptest").toString());
    command.addAll(args);
    Path output = Files.createTempFile("imaptest", ".log");
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(home.toFile())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("imaptest ran past " + limit + ":\n" + tail(output));
      }
      return new Run(Files.readString(output, StandardCharsets.ISO_8859_1));
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private static String tail(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.ISO_8859_1);
    return text.substring(Math.max(0, text.length() - 4000));
  }

  /** One run's output. */
  record Run(String output) {

    /**
     * Test groups that failed, by name; {@code "(summary missing)"} when ImapTest stopped early.
     */
    TreeSet<String> failedGroups() {
      TreeSet<String> failed = new TreeSet<>();
      Matcher named = FAILED_GROUP.matcher(output);
      while (named.find()) {
        failed.add(named.group(1));
      }
      Matcher summary = GROUPS.matcher(output);
      if (!summary.find()) {
        failed.add("(summary missing)");
      } else if (Integer.parseInt(summary.group(2)) > 0 && failed.isEmpty()) {
        failed.add("(" + summary.group(2) + " unnamed)");
      }
      return failed;
    }

    /** The stress mode's {@code Error:} lines: answers that contradict ImapTest's model. */
    List<String> errors() {
      List<String> errors = new ArrayList<>();
      Matcher matcher = ERROR.matcher(output);
      while (matcher.find()) {
        errors.add(matcher.group());
      }
      return errors;
    }
  }
}
