package dev.mailvault.server.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The progress of a long-running command (export, import, backup): messages and bytes done, the
 * rate, and the time left when the total is known. On a terminal the line is redrawn in place with
 * a carriage return a few times a second; otherwise (a pipe, a log file, a CI job) a plain line is
 * printed every {@link #PLAIN_EVERY} so the output stays readable. {@link #finish()} prints one
 * summary line either way. It writes to standard error, so standard output stays clean for results
 * and {@code --json}.
 *
 * <p>Thread-safe: several workers may call {@link #add} at once.
 */
public final class Progress {

  /** How often a plain line is printed when the output is not a terminal. */
  static final Duration PLAIN_EVERY = Duration.ofSeconds(5);

  /** How often the line is redrawn on a terminal. */
  static final Duration REDRAW_EVERY = Duration.ofMillis(200);

  private final String label;
  private final PrintStream out;
  private final boolean terminal;
  private final LongSupplier nanoClock;
  private final long startNanos;
  private long totalMessages = -1;
  private long totalBytes = -1;
  private long messages;
  private long bytes;
  private long lastPrintNanos;
  private int lastWidth;
  private boolean finished;

  Progress(String label, PrintStream out, boolean terminal, LongSupplier nanoClock) {
    this.label = label;
    this.out = out;
    this.terminal = terminal;
    this.nanoClock = nanoClock;
    this.startNanos = nanoClock.getAsLong();
    this.lastPrintNanos = startNanos;
  }

  /**
   * Progress on standard error, redrawn in place when the JVM has a terminal ({@code
   * System.console() != null}), plain lines otherwise.
   *
   * @param label what is being done, e.g. {@code export} or {@code import}
   */
  public static Progress onStderr(String label) {
    return new Progress(label, System.err, System.console() != null, System::nanoTime);
  }

  /** Progress on {@code out}: redrawn in place when {@code terminal}, plain lines otherwise. */
  public static Progress to(String label, PrintStream out, boolean terminal) {
    return new Progress(label, out, terminal, System::nanoTime);
  }

  /** Progress printed nowhere, for callers that run quietly (tests, {@code --json}). */
  public static Progress silent(String label) {
    return new Progress(
        label, new PrintStream(java.io.OutputStream.nullOutputStream()), false, System::nanoTime);
  }

  /** Sets the totals when they become known; a negative value means unknown. */
  public synchronized void total(long messages, long bytes) {
    this.totalMessages = messages;
    this.totalBytes = bytes;
  }

  /** Counts work done and prints if it is time to. */
  public synchronized void add(long messages, long bytes) {
    this.messages += messages;
    this.bytes += bytes;
    long now = nanoClock.getAsLong();
    Duration every = terminal ? REDRAW_EVERY : PLAIN_EVERY;
    if (!finished && now - lastPrintNanos >= every.toNanos()) {
      lastPrintNanos = now;
      print(line(now), false);
    }
  }

  /** Messages counted so far. */
  public synchronized long messages() {
    return messages;
  }

  /** Bytes counted so far. */
  public synchronized long bytes() {
    return bytes;
  }

  /** Prints the summary line (once): what was done, in how long, at what rate. */
  public synchronized void finish() {
    if (finished) {
      return;
    }
    finished = true;
    long now = nanoClock.getAsLong();
    double seconds = Math.max((now - startNanos) / 1e9, 1e-9);
    String summary =
        String.format(
            Locale.ROOT,
            "%s: %,d messages, %s in %s (%s messages/s, %s/s)",
            label,
            messages,
            size(bytes),
            duration(Math.round(seconds)),
            rate(messages / seconds),
            size(Math.round(bytes / seconds)));
    print(summary, true);
  }

  /** The progress line for {@code now}; package-private for tests. */
  synchronized String line(long now) {
    double seconds = Math.max((now - startNanos) / 1e9, 1e-9);
    double messageRate = messages / seconds;
    double byteRate = bytes / seconds;
    StringBuilder sb = new StringBuilder(label).append(": ");
    sb.append(String.format(Locale.ROOT, "%,d", messages));
    if (totalMessages >= 0) {
      sb.append(String.format(Locale.ROOT, "/%,d", totalMessages));
    }
    sb.append(" messages, ").append(size(bytes));
    if (totalBytes >= 0) {
      sb.append('/').append(size(totalBytes));
    }
    sb.append(", ")
        .append(rate(messageRate))
        .append(" messages/s, ")
        .append(size(Math.round(byteRate)))
        .append("/s");
    long left = secondsLeft(messageRate, byteRate);
    if (left >= 0) {
      sb.append(", ").append(duration(left)).append(" left");
    }
    return sb.toString();
  }

  /** By bytes when their total is known (messages differ in size), else by messages; -1 unknown. */
  private long secondsLeft(double messageRate, double byteRate) {
    if (totalBytes > 0 && byteRate > 0) {
      return Math.round(Math.max(0, totalBytes - bytes) / byteRate);
    }
    if (totalMessages >= 0 && messageRate > 0) {
      return Math.round(Math.max(0, totalMessages - messages) / messageRate);
    }
    return -1;
  }

  private void print(String text, boolean last) {
    if (terminal) {
      // Pad over the previous line's tail: a shorter line would leave its characters behind.
      String padded = text + " ".repeat(Math.max(0, lastWidth - text.length()));
      lastWidth = text.length();
      out.print("\r" + padded);
      if (last) {
        out.println();
      }
    } else {
      out.println(text);
    }
    out.flush();
  }

  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KB", "MB", "GB", "TB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }

  private static String rate(double perSecond) {
    return perSecond >= 100
        ? String.format(Locale.ROOT, "%,d", Math.round(perSecond))
        : String.format(Locale.ROOT, "%.1f", perSecond);
  }

  static String duration(long seconds) {
    long h = seconds / 3600;
    long m = seconds % 3600 / 60;
    long s = seconds % 60;
    return h > 0
        ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s)
        : String.format(Locale.ROOT, "%d:%02d", m, s);
  }
}
