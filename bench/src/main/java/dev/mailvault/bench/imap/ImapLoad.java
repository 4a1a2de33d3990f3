package dev.mailvault.bench.imap;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The IMAP load driver (see BENCHMARKS.md, "IMAP load"). Runs against any server, host and port:
 *
 * <pre>
 * ImapLoad seed --port P --users N --messages M [--threads T]
 * ImapLoad run  --port P --users N --clients C --warmup S --duration S [--mix SPEC]
 *               [--steps-per-session K] [--idle-ms MS] [--server-pid PID] [--label L] [--out FILE]
 * </pre>
 *
 * Client {@code i} logs in as user {@code i mod N} ({@code --user-pattern}, default {@code
 * load%d@bench.test}; {@code --password}). With {@code --server-pid}, the CPU time of that process
 * and its descendants over the measured window is reported too.
 */
public final class ImapLoad {

  private static final List<String> OPTIONS =
      List.of(
          "host",
          "port",
          "users",
          "user-pattern",
          "password",
          "messages",
          "threads",
          "clients",
          "warmup",
          "duration",
          "mix",
          "steps-per-session",
          "idle-ms",
          "server-pid",
          "label",
          "out");

  private ImapLoad() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || !(args[0].equals("seed") || args[0].equals("run"))) {
      System.err.println("usage: ImapLoad seed|run --port P --users N ... (see the class comment)");
      System.exit(2);
    }
    LoadOptions options =
        LoadOptions.parse(java.util.Arrays.copyOfRange(args, 1, args.length), OPTIONS);
    if (args[0].equals("seed")) {
      seed(options);
    } else {
      run(options);
    }
  }

  private static void seed(LoadOptions options) throws Exception {
    new Seeder(options.server(), options.password())
        .fillAll(
            options,
            0,
            options.integer("users", 20),
            options.integer("messages", 200),
            user -> new Letters(0xC0FFEEL + user),
            options.integer("threads", 4));
  }

  private static void run(LoadOptions options) throws Exception {
    int clients = options.integer("clients", 20);
    int users = options.integer("users", clients);
    WorkloadMix mix = WorkloadMix.parse(options.text("mix", WorkloadMix.DEFAULT));
    long warmupNanos = TimeUnit.SECONDS.toNanos(options.integer("warmup", 15));
    long durationNanos = TimeUnit.SECONDS.toNanos(options.integer("duration", 60));
    ProcessCpu cpu =
        options.has("server-pid")
            ? new ProcessCpu(Long.parseLong(options.text("server-pid", "")))
            : null;

    long start = System.nanoTime() + warmupNanos;
    MeasureWindow window = new MeasureWindow(start, start + durationNanos);
    List<SessionDriver> drivers = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      drivers.add(
          new SessionDriver(
              options.server(),
              options.user(i % users),
              options.password(),
              mix,
              options.integer("steps-per-session", 50),
              options.integer("idle-ms", 100),
              new Letters(0xA11CEL + i),
              window,
              0x5EEDL + i));
    }
    String loadBefore = loadAverage();
    List<Thread> threads = new ArrayList<>();
    for (SessionDriver d : drivers) {
      Thread t = new Thread(d, "imap-load-" + threads.size());
      threads.add(t);
      t.start();
    }
    sleepUntil(window.start());
    double cpuStart = cpu == null ? Double.NaN : cpu.seconds();
    sleepUntil(window.end());
    double cpuEnd = cpu == null ? Double.NaN : cpu.seconds();
    window.stop();
    for (Thread t : threads) {
      t.join(TimeUnit.SECONDS.toMillis(60));
    }
    LatencyLog all = new LatencyLog();
    drivers.forEach(d -> all.merge(d.log()));

    Properties result = new Properties();
    result.setProperty("label", options.text("label", options.server().toString()));
    result.setProperty("clients", Integer.toString(clients));
    result.setProperty("users", Integer.toString(users));
    result.setProperty("mix", mix.describe());
    result.setProperty("stepsPerSession", options.text("steps-per-session", "50"));
    result.setProperty("seconds", fmt(window.seconds()));
    result.setProperty("commands", Long.toString(all.total()));
    result.setProperty("commandsPerSecond", fmt(all.total() / window.seconds()));
    result.setProperty("errors", Long.toString(all.totalErrors()));
    result.setProperty("firstError", String.valueOf(all.firstError()));
    if (cpu != null) {
      double cpuSeconds = cpuEnd - cpuStart;
      result.setProperty("serverCpuSeconds", fmt(cpuSeconds));
      result.setProperty("commandsPerCpuSecond", fmt(all.total() / cpuSeconds));
    }
    result.setProperty("p50", fmt(all.percentileMillis(0.50)));
    result.setProperty("p90", fmt(all.percentileMillis(0.90)));
    result.setProperty("p99", fmt(all.percentileMillis(0.99)));
    result.setProperty("p999", fmt(all.percentileMillis(0.999)));
    for (Command c : Command.values()) {
      String key = c.name().toLowerCase(Locale.ROOT);
      result.setProperty(key + ".count", Integer.toString(all.count(c)));
      result.setProperty(key + ".errors", Integer.toString(all.errors(c)));
      result.setProperty(key + ".p50", fmt(all.percentileMillis(c, 0.50)));
      result.setProperty(key + ".p99", fmt(all.percentileMillis(c, 0.99)));
    }
    result.setProperty("loadBefore", loadBefore);
    result.setProperty("loadAfter", loadAverage());

    print(result);
    if (options.has("out")) {
      try (Writer w =
          Files.newBufferedWriter(Path.of(options.text("out", "")), StandardCharsets.UTF_8)) {
        result.store(w, "ImapLoad run");
      }
    }
  }

  private static void print(Properties r) {
    System.out.printf(
        Locale.ROOT,
        "%s: %s commands in %s s = %s/s; server CPU %s s = %s commands per CPU-second;"
            + " errors %s; latency ms p50 %s p90 %s p99 %s p99.9 %s%n",
        r.getProperty("label"),
        r.getProperty("commands"),
        r.getProperty("seconds"),
        r.getProperty("commandsPerSecond"),
        r.getProperty("serverCpuSeconds", "?"),
        r.getProperty("commandsPerCpuSecond", "?"),
        r.getProperty("errors"),
        r.getProperty("p50"),
        r.getProperty("p90"),
        r.getProperty("p99"),
        r.getProperty("p999"));
    for (Command c : Command.values()) {
      String key = c.name().toLowerCase(Locale.ROOT);
      System.out.printf(
          Locale.ROOT,
          "  %-15s %8s  p50 %8s ms  p99 %8s ms  errors %s%n",
          c,
          r.getProperty(key + ".count"),
          r.getProperty(key + ".p50"),
          r.getProperty(key + ".p99"),
          r.getProperty(key + ".errors"));
    }
    if (!"0".equals(r.getProperty("errors"))) {
      System.out.println("  first error: " + r.getProperty("firstError"));
    }
  }

  static String fmt(double d) {
    return Double.isNaN(d) ? "" : String.format(Locale.ROOT, "%.3f", d);
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long left;
    while ((left = nanoTime - System.nanoTime()) > 0) {
      TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
    }
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "unknown";
    }
  }
}
