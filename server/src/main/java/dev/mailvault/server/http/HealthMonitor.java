package dev.mailvault.server.http;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs a health check on its own thread at a fixed interval and keeps the last answer, so that
 * {@code GET /healthz} answers from memory: checks touch the file system, and the event loop that
 * serves the request must never wait on I/O.
 */
public final class HealthMonitor implements HealthCheck, AutoCloseable {

  private final Supplier<String> check;
  private final Supplier<String> warningCheck;
  private final ScheduledExecutorService timer;
  private volatile String problem;
  private volatile String warning;

  /**
   * Checks once now, then every {@code interval}.
   *
   * @param check null when healthy, otherwise one line saying what is wrong
   */
  public HealthMonitor(Supplier<String> check, Duration interval) {
    this(check, () -> null, interval);
  }

  /**
   * Checks once now, then every {@code interval}.
   *
   * @param check null when healthy, otherwise one line saying what is wrong
   * @param warningCheck null, or one line about what needs attention soon though the node serves
   */
  public HealthMonitor(Supplier<String> check, Supplier<String> warningCheck, Duration interval) {
    this.check = check;
    this.warningCheck = warningCheck;
    this.problem = runCheck();
    this.warning = runWarningCheck();
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "mailvault-health");
              t.setDaemon(true);
              return t;
            });
    long millis = interval.toMillis();
    timer.scheduleWithFixedDelay(
        () -> {
          problem = runCheck();
          warning = runWarningCheck();
        },
        millis,
        millis,
        TimeUnit.MILLISECONDS);
  }

  private String runCheck() {
    try {
      return check.get();
    } catch (RuntimeException e) {
      return "health check failed";
    }
  }

  private String runWarningCheck() {
    try {
      return warningCheck.get();
    } catch (RuntimeException e) {
      return "health warning check failed";
    }
  }

  @Override
  public String problem() {
    return problem;
  }

  @Override
  public String warning() {
    return warning;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
