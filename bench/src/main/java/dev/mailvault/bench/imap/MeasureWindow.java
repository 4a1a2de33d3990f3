package dev.mailvault.bench.imap;

/**
 * The measured interval: commands that both start and end inside it count, commands of the warm-up
 * and those still running when it closes do not. Times are {@link System#nanoTime()}.
 */
final class MeasureWindow {

  private final long start;
  private final long end;
  private volatile boolean stopped;

  MeasureWindow(long start, long end) {
    this.start = start;
    this.end = end;
  }

  boolean counts(long commandStart, long commandEnd) {
    return commandStart >= start && commandEnd <= end;
  }

  boolean over(long now) {
    return stopped || now >= end;
  }

  void stop() {
    stopped = true;
  }

  long start() {
    return start;
  }

  long end() {
    return end;
  }

  double seconds() {
    return (end - start) / 1e9;
  }
}
