package dev.mailvault.bench.imap;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/**
 * Puts two {@link ImapLoad} results side by side as a Markdown table, with the ratio of the first
 * to the second: {@code ImapLoadReport mailvault.properties dovecot.properties}.
 */
public final class ImapLoadReport {

  private ImapLoadReport() {}

  public static void main(String[] args) throws IOException {
    Properties a = load(Path.of(args[0]));
    Properties b = load(Path.of(args[1]));
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "| measure | %s | %s | ratio |%n",
            a.getProperty("label"),
            b.getProperty("label")));
    out.append("| --- | ---: | ---: | ---: |\n");
    row(out, "commands / s", a, b, "commandsPerSecond", true);
    row(out, "server CPU-seconds in the window", a, b, "serverCpuSeconds", false);
    row(out, "commands / server CPU-second", a, b, "commandsPerCpuSecond", true);
    row(out, "commands counted", a, b, "commands", false);
    row(out, "protocol errors", a, b, "errors", false);
    row(out, "latency p50 (ms)", a, b, "p50", false);
    row(out, "latency p90 (ms)", a, b, "p90", false);
    row(out, "latency p99 (ms)", a, b, "p99", false);
    row(out, "latency p99.9 (ms)", a, b, "p999", false);
    out.append("\n| command | count | p50 ms | p99 ms | count | p50 ms | p99 ms |\n");
    out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (Command c : Command.values()) {
      String k = c.name().toLowerCase(Locale.ROOT);
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %s | %s | %s | %s |%n",
              c,
              a.getProperty(k + ".count"),
              a.getProperty(k + ".p50"),
              a.getProperty(k + ".p99"),
              b.getProperty(k + ".count"),
              b.getProperty(k + ".p50"),
              b.getProperty(k + ".p99")));
    }
    out.append(
        String.format(
            Locale.ROOT,
            "%nclients %s, users %s, steps per session %s, mix %s; %s s measured each;"
                + " load average before/after: %s / %s and %s / %s%n",
            a.getProperty("clients"),
            a.getProperty("users"),
            a.getProperty("stepsPerSession"),
            a.getProperty("mix"),
            a.getProperty("seconds"),
            a.getProperty("loadBefore"),
            a.getProperty("loadAfter"),
            b.getProperty("loadBefore"),
            b.getProperty("loadAfter")));
    for (Properties p : new Properties[] {a, b}) {
      if (!"0".equals(p.getProperty("errors"))) {
        out.append(p.getProperty("label"))
            .append(" first error: ")
            .append(p.getProperty("firstError"))
            .append('\n');
      }
    }
    System.out.print(out);
  }

  private static void row(
      StringBuilder out, String name, Properties a, Properties b, String key, boolean ratio) {
    String x = a.getProperty(key, "");
    String y = b.getProperty(key, "");
    String r = "";
    if (ratio && !x.isEmpty() && !y.isEmpty() && Double.parseDouble(y) > 0) {
      r = String.format(Locale.ROOT, "%.2f×", Double.parseDouble(x) / Double.parseDouble(y));
    }
    out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", name, x, y, r));
  }

  private static Properties load(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    return p;
  }
}
