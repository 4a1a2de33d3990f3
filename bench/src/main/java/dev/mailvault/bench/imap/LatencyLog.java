package dev.mailvault.bench.imap;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * The latencies of the counted commands, per {@link Command}, and the unexpected answers. One per
 * client thread; {@link #merge} joins them at the end.
 */
final class LatencyLog {

  private final Map<Command, long[]> samples = new EnumMap<>(Command.class);
  private final Map<Command, Integer> counts = new EnumMap<>(Command.class);
  private final Map<Command, Integer> errors = new EnumMap<>(Command.class);
  private String firstError;

  void record(Command command, long nanos) {
    int n = counts.getOrDefault(command, 0);
    long[] array = samples.computeIfAbsent(command, c -> new long[1024]);
    if (n == array.length) {
      array = Arrays.copyOf(array, n * 2);
      samples.put(command, array);
    }
    array[n] = nanos;
    counts.put(command, n + 1);
  }

  void error(Command command, String what) {
    errors.merge(command, 1, Integer::sum);
    if (firstError == null) {
      firstError = command + ": " + what;
    }
  }

  void merge(LatencyLog other) {
    for (Map.Entry<Command, Integer> e : other.counts.entrySet()) {
      long[] theirs = other.samples.get(e.getKey());
      for (int i = 0; i < e.getValue(); i++) {
        record(e.getKey(), theirs[i]);
      }
    }
    other.errors.forEach((c, n) -> errors.merge(c, n, Integer::sum));
    if (firstError == null) {
      firstError = other.firstError;
    }
  }

  int count(Command command) {
    return counts.getOrDefault(command, 0);
  }

  long total() {
    return counts.values().stream().mapToLong(Integer::longValue).sum();
  }

  int errors(Command command) {
    return errors.getOrDefault(command, 0);
  }

  long totalErrors() {
    return errors.values().stream().mapToLong(Integer::longValue).sum();
  }

  String firstError() {
    return firstError;
  }

  /** The latency below which {@code fraction} of the samples lie, in milliseconds. */
  double percentileMillis(Command command, double fraction) {
    long[] sorted = sorted(command);
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(fraction * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
  }

  /** All counted commands together. */
  double percentileMillis(double fraction) {
    long[] all = new long[(int) total()];
    int at = 0;
    for (Map.Entry<Command, Integer> e : counts.entrySet()) {
      System.arraycopy(samples.get(e.getKey()), 0, all, at, e.getValue());
      at += e.getValue();
    }
    if (all.length == 0) {
      return Double.NaN;
    }
    Arrays.sort(all);
    int index = (int) Math.ceil(fraction * all.length) - 1;
    return all[Math.max(0, Math.min(all.length - 1, index))] / 1e6;
  }

  private long[] sorted(Command command) {
    int n = count(command);
    long[] copy = n == 0 ? new long[0] : Arrays.copyOf(samples.get(command), n);
    Arrays.sort(copy);
    return copy;
  }
}
