package dev.mailvault.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What a result was measured on, read from the JVM and, on Linux, from {@code /proc}. */
final class Machine {

  private Machine() {}

  /** Cores, CPU model, memory, JDK and OS in one line. */
  static String describe() {
    return String.format(
        Locale.ROOT,
        "%d cores (%s), %s memory, Java %s (%s), %s %s",
        Runtime.getRuntime().availableProcessors(),
        procField("/proc/cpuinfo", "model name").orElse("unknown CPU"),
        procField("/proc/meminfo", "MemTotal").map(Machine::gib).orElse("unknown"),
        System.getProperty("java.runtime.version"),
        System.getProperty("java.vm.name"),
        System.getProperty("os.name"),
        System.getProperty("os.version"));
  }

  /** The 1, 5 and 15 minute load averages, or "unknown". */
  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + ", " + fields[1] + ", " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static java.util.Optional<String> procField(String file, String name) {
    try {
      List<String> lines = Files.readAllLines(Path.of(file));
      return lines.stream()
          .filter(l -> l.startsWith(name))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst();
    } catch (IOException | RuntimeException e) {
      return java.util.Optional.empty();
    }
  }

  /** "24105612 kB" as "23.0 GiB". */
  private static String gib(String kb) {
    long value = Long.parseLong(kb.replaceAll("[^0-9]", ""));
    return String.format(Locale.ROOT, "%.1f GiB", value / 1024.0 / 1024.0);
  }
}
