package dev.mailvault.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the append and login benchmarks (JMH, in forked JVMs), the storage measure and the append
 * cost split, then writes the results section of BENCHMARKS.md: the machine, the figures and each
 * target met or not.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.mailvault.bench.BenchmarkReport [--out FILE]
 * [--quick] [--corpus DIR]}. {@code --quick} shortens every run to check that the suite works; its
 * figures are not results.
 */
public final class BenchmarkReport {

  static final double TARGET_APPENDS_PER_SECOND = 2_000;
  static final double TARGET_LOGIN_MEDIAN_MS = 60;
  static final double TARGET_INCOMPRESSIBLE_RATIO = 1.05;
  static final double TARGET_TEXT_RATIO = 0.6;

  private BenchmarkReport() {}

  public static void main(String[] args) throws Exception {
    Path out = Paths.get("bench/target/results.md");
    boolean quick = false;
    List<String> storageArgs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--out" -> out = Paths.get(args[++i]);
        case "--quick" -> quick = true;
        case "--corpus" -> {
          storageArgs.add("--corpus");
          storageArgs.add(args[++i]);
        }
        default -> {
          System.err.println("usage: BenchmarkReport [--out FILE] [--quick] [--corpus DIR]");
          System.exit(2);
        }
      }
    }
    String started = ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    String loadBefore = Machine.loadAverage();
    Collection<RunResult> append = run(AppendBenchmark.class, quick);
    Collection<RunResult> login = run(UnlockBenchmark.class, quick);
    List<StorageEfficiency.Result> storage =
        StorageEfficiency.measureAll(
            StorageEfficiency.Settings.parse(
                quick ? withQuick(storageArgs) : storageArgs.toArray(String[]::new)));
    String appendCost = AppendCost.table(quick ? 1 : 5);
    String loadAfter = Machine.loadAverage();

    StringBuilder md = new StringBuilder();
    md.append("### Run of ")
        .append(started)
        .append(quick ? " (quick check, not a result)" : "")
        .append("\n\n");
    md.append("Machine: ")
        .append(Machine.describe())
        .append(". Load average (1, 5, 15 min) ")
        .append(loadBefore)
        .append(" before, ")
        .append(loadAfter)
        .append(" after.\n\n");
    md.append("| measure | result | target | met |\n| --- | ---: | ---: | --- |\n");
    // The 2,000/s target is the machine's rate (ADR 0150): one vault has one writer, so one client
    // appending alone uses one of the two cores.
    row(md, "appends/s, 10 KB text, one client", fmt(score(append, "text10k"), "%.0f"), "", null);
    row(
        md,
        "appends/s, 10 KB text, two clients, one mailbox",
        fmt(score(append, "text10kTwoClients"), "%.0f"),
        "",
        null);
    double twoMailboxes = score(append, "text10kTwoMailboxes");
    row(
        md,
        "appends/s, 10 KB text, two clients, two mailboxes (server-wide)",
        fmt(twoMailboxes, "%.0f"),
        "≥ 2,000",
        twoMailboxes >= TARGET_APPENDS_PER_SECOND);
    row(
        md,
        "appends/s, 1 MB with attachment",
        fmt(score(append, "attachment1m"), "%.1f"),
        "",
        null);
    double median = percentile(login, "login", 50);
    row(
        md,
        "login: unlock + open + first read, median",
        fmt(median, "%.1f ms"),
        "< 60 ms",
        median < TARGET_LOGIN_MEDIAN_MS);
    row(md, "login: p99", fmt(percentile(login, "login", 99), "%.1f ms"), "", null);
    row(
        md,
        "unlock alone (Argon2id + unwrap), median / p99",
        fmt(percentile(login, "unlockOnly", 50), "%.1f")
            + " / "
            + fmt(percentile(login, "unlockOnly", 99), "%.1f ms"),
        "",
        null);
    row(
        md,
        "open + first read + close alone, median / p99",
        fmt(percentile(login, "openAndFirstRead", 50), "%.1f")
            + " / "
            + fmt(percentile(login, "openAndFirstRead", 99), "%.1f ms"),
        "",
        null);
    for (StorageEfficiency.Result r : storage) {
      if (r.kind() == StorageEfficiency.Kind.INCOMPRESSIBLE) {
        row(
            md,
            "disk / raw, incompressible mail",
            fmt(r.ratio(), "%.3f"),
            "≤ 1.05",
            r.ratio() <= TARGET_INCOMPRESSIBLE_RATIO);
      } else if (r.kind() == StorageEfficiency.Kind.TEXT) {
        row(
            md,
            "disk / raw, plain text mail",
            fmt(r.ratio(), "%.3f"),
            "≤ 0.6",
            r.ratio() <= TARGET_TEXT_RATIO);
      } else if (r.kind() == StorageEfficiency.Kind.CORPUS) {
        row(md, "disk / raw, MIME test corpus", fmt(r.ratio(), "%.3f"), "", null);
      }
    }
    md.append("\nStorage detail:\n\n");
    md.append(StorageEfficiency.table(storage));
    md.append(
        "\nWhere an append's CPU time goes (CPU time of the appending thread, including"
            + " SQLite's native code; `AppendCost`):\n\n");
    md.append(appendCost);
    md.append("\nJMH scores (mean ± 99.9% error):\n\n```\n");
    for (RunResult r : append) {
      md.append(jmhLine(r));
    }
    for (RunResult r : login) {
      md.append(jmhLine(r));
    }
    md.append("```\n");

    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, md.toString(), StandardCharsets.UTF_8);
    System.out.println();
    System.out.print(md);
    System.out.println("Written to " + out);
  }

  private static String[] withQuick(List<String> storageArgs) {
    List<String> args = new ArrayList<>(storageArgs);
    args.addAll(List.of("--text", "200", "--incompressible", "10"));
    return args.toArray(String[]::new);
  }

  private static Collection<RunResult> run(Class<?> benchmark, boolean quick)
      throws RunnerException {
    ChainedOptionsBuilder options =
        new OptionsBuilder().include("\\." + benchmark.getSimpleName() + "\\.");
    if (quick) {
      options
          .warmupIterations(1)
          .warmupTime(TimeValue.seconds(1))
          .measurementIterations(1)
          .measurementTime(TimeValue.seconds(1));
    }
    return new Runner(options.build()).run();
  }

  private static RunResult find(Collection<RunResult> results, String method) {
    for (RunResult r : results) {
      String name = r.getParams().getBenchmark();
      if (name.endsWith("." + method)) {
        return r;
      }
    }
    throw new IllegalStateException("no result for " + method);
  }

  private static double score(Collection<RunResult> results, String method) {
    return find(results, method).getPrimaryResult().getScore();
  }

  private static double percentile(Collection<RunResult> results, String method, double p) {
    return find(results, method).getPrimaryResult().getStatistics().getPercentile(p);
  }

  private static String jmhLine(RunResult r) {
    Result<?> primary = r.getPrimaryResult();
    String name = r.getParams().getBenchmark();
    name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
    return String.format(
        Locale.ROOT,
        "%-38s %12.3f ± %10.3f %s (n=%d)%n",
        name,
        primary.getScore(),
        primary.getScoreError(),
        primary.getScoreUnit(),
        primary.getSampleCount());
  }

  private static void row(
      StringBuilder md, String what, String result, String target, Boolean met) {
    md.append("| ")
        .append(what)
        .append(" | ")
        .append(result)
        .append(" | ")
        .append(target)
        .append(" | ")
        .append(met == null ? "" : met ? "met" : "**not met**")
        .append(" |\n");
  }

  private static String fmt(double value, String format) {
    return String.format(Locale.ROOT, format, value);
  }
}
