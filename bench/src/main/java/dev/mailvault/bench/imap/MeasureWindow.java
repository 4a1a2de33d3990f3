package dev.mailvault.bench.imap;

/**
 * The measured interval: commands that both start and end inside it count, commands of the warm-up
 * and those still running when it closes do not. Times are {@link System#nanoTime()}.
 */
public final class MeasureWindow {

  private final long start;
  private final long end;
  private volatile boolean stopped;

  public MeasureWindow(long start, long end) {
    this.start = start;
    this.end = end;
  }

  public boolean counts(long commandStart, long commandEnd) {
    return commandStart >= start && commandEnd <= end;
  }

  public boolean over(long now) {
    return stopped || now >= end;
  }

  public void stop() {
    stopped = true;
  }

  public long start() {
    return start;
  }

  public long end() {
    return end;
  }

  public double seconds() {
    return (end - start) / 1e9;
  }
}
