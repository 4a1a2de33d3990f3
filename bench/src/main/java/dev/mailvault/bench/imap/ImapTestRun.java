package dev.mailvault.bench.imap;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * One mix of the ImapTest stress benchmark against one running server: ImapTest for {@code
 * --warmup} seconds (discarded), then for {@code --duration} seconds with the server's CPU time
 * ({@link ProcessCpu}, its process tree; the sum over several for a cluster) read before and after.
 * Adds {@code <name>.commands}, {@code .commandsPerSecond}, {@code .cpuSeconds}, {@code
 * .commandsPerCpuSecond} and {@code .errors} to the properties file {@code --out} (kept if it
 * exists) and ImapTest's output to {@code --log}:
 *
 * <pre>
 * ImapTestRun --imaptest BIN --port P --users N --user-pattern P --password PW --mbox FILE
 *             --clients C --messages M --warmup S --duration S --server-pid PID[,PID...]
 *             --name NAME [--mix "STATE=P ..."] --out FILE --log FILE
 * </pre>
 *
 * Commands per second is ImapTest's total over the measured run divided by {@code --duration}.
 */
public final class ImapTestRun {

  private ImapTestRun() {}

  public static void main(String[] args) throws Exception {
    LoadOptions options =
        LoadOptions.parse(
            args,
            List.of(
                "imaptest",
                "host",
                "port",
                "users",
                "user-pattern",
                "password",
                "mbox",
                "clients",
                "messages",
                "warmup",
                "duration",
                "server-pid",
                "name",
                "mix",
                "out",
                "log"));
    int warmup = options.integer("warmup", 10);
    int duration = options.integer("duration", 30);
    Path log = Path.of(options.text("log", "imaptest.log"));
    if (warmup > 0) {
      imaptest(options, warmup, log.resolveSibling(log.getFileName() + ".warmup"));
    }
    // a cluster is several processes: --server-pid 12,34 sums their trees
    List<ProcessCpu> cpus = new ArrayList<>();
    for (String pid : options.text("server-pid", "").split(",")) {
      cpus.add(new ProcessCpu(Long.parseLong(pid.strip())));
    }
    double cpuBefore = seconds(cpus);
    String output = imaptest(options, duration, log);
    double cpuSeconds = seconds(cpus) - cpuBefore;
    ImapTestTotals totals = ImapTestTotals.parse(output);

    String name = options.text("name", "default");
    Path out = Path.of(options.text("out", "imaptest.properties"));
    Properties p = new Properties();
    if (Files.exists(out)) {
      try (Reader r = Files.newBufferedReader(out, StandardCharsets.UTF_8)) {
        p.load(r);
      }
    }
    long commands = totals.commands();
    p.setProperty(name + ".commands", Long.toString(commands));
    p.setProperty(name + ".seconds", Integer.toString(duration));
    p.setProperty(name + ".commandsPerSecond", format((double) commands / duration));
    p.setProperty(name + ".cpuSeconds", format(cpuSeconds));
    p.setProperty(
        name + ".commandsPerCpuSecond", cpuSeconds > 0 ? format(commands / cpuSeconds) : "");
    p.setProperty(name + ".errors", Integer.toString(totals.errorLines()));
    p.setProperty(name + ".perState", totals.perState().toString());
    try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      p.store(w, null);
    }
    System.out.printf(
        Locale.ROOT,
        "%s: %d commands in %d s (%.1f/s), server CPU %.2f s, %d Error: lines%n",
        name,
        commands,
        duration,
        (double) commands / duration,
        cpuSeconds,
        totals.errorLines());
  }

  private static double seconds(List<ProcessCpu> cpus) throws IOException {
    double sum = 0;
    for (ProcessCpu cpu : cpus) {
      sum += cpu.seconds();
    }
    return sum;
  }

  /** Runs ImapTest to its end; returns its output (stdout and stderr), also written to log. */
  private static String imaptest(LoadOptions options, int seconds, Path log)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(options.text("imaptest", "imaptest"));
    command.add("host=" + options.text("host", "127.0.0.1"));
    command.add("port=" + options.integer("port", 143));
    command.add("user=" + options.text("user-pattern", "load%d@bench.test"));
    command.add("users=" + options.integer("users", 20));
    command.add("pass=" + options.password());
    command.add("mbox=" + options.text("mbox", "imaptest.mbox"));
    command.add("clients=" + options.integer("clients", 10));
    command.add("msgs=" + options.integer("messages", 400));
    command.add("secs=" + seconds);
    String mix = options.text("mix", "").trim();
    if (!mix.isEmpty()) {
      command.addAll(Arrays.asList(mix.split("\\s+")));
    }
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    p.waitFor();
    return Files.readString(log, StandardCharsets.ISO_8859_1);
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }
}
