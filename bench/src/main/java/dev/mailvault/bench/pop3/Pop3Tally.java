package dev.mailvault.bench.pop3;

import java.util.Arrays;

/**
 * What one client counted inside the measured window: whole sessions (with their login and total
 * times), RETRs and their octets; and every failure, inside the window or not. One per client
 * thread; {@link #merge} joins them at the end.
 */
final class Pop3Tally {

  private long sessions;
  private long retrs;
  private long octets;
  private long errors;
  private String firstError;
  private final Samples sessionNanos = new Samples();
  private final Samples loginNanos = new Samples();

  void session(long loginNanos, long sessionNanos) {
    sessions++;
    this.loginNanos.add(loginNanos);
    this.sessionNanos.add(sessionNanos);
  }

  void retr(long octets) {
    retrs++;
    this.octets += octets;
  }

  void error(String what) {
    errors++;
    if (firstError == null) {
      firstError = what;
    }
  }

  void merge(Pop3Tally other) {
    sessions += other.sessions;
    retrs += other.retrs;
    octets += other.octets;
    errors += other.errors;
    sessionNanos.addAll(other.sessionNanos);
    loginNanos.addAll(other.loginNanos);
    if (firstError == null) {
      firstError = other.firstError;
    }
  }

  long sessions() {
    return sessions;
  }

  long retrs() {
    return retrs;
  }

  long octets() {
    return octets;
  }

  long errors() {
    return errors;
  }

  String firstError() {
    return firstError;
  }

  double sessionMillis(double fraction) {
    return sessionNanos.percentile(fraction) / 1e6;
  }

  double loginMillis(double fraction) {
    return loginNanos.percentile(fraction) / 1e6;
  }

  /** A growable array of durations in nanoseconds. */
  private static final class Samples {
    private long[] values = new long[1024];
    private int size;

    void add(long value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }

    void addAll(Samples other) {
      for (int i = 0; i < other.size; i++) {
        add(other.values[i]);
      }
    }

    /** The value below which {@code fraction} of the samples lie; NaN without samples. */
    double percentile(double fraction) {
      if (size == 0) {
        return Double.NaN;
      }
      long[] sorted = Arrays.copyOf(values, size);
      Arrays.sort(sorted);
      int index = (int) Math.ceil(fraction * size) - 1;
      return sorted[Math.max(0, Math.min(size - 1, index))];
    }
  }
}
