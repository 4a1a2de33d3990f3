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
  private final ScheduledExecutorService timer;
  private volatile String problem;

  /**
   * Checks once now, then every {@code interval}.
   *
   * @param check null when healthy, otherwise one line saying what is wrong
   */
  public HealthMonitor(Supplier<String> check, Duration interval) {
    this.check = check;
    this.problem = runCheck();
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "mailvault-health");
              t.setDaemon(true);
              return t;
            });
    long millis = interval.toMillis();
    timer.scheduleWithFixedDelay(() -> problem = runCheck(), millis, millis, TimeUnit.MILLISECONDS);
  }

  private String runCheck() {
    try {
      return check.get();
    } catch (RuntimeException e) {
      return "health check failed";
    }
  }

  @Override
  public String problem() {
    return problem;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
