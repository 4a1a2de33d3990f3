package dev.mailvault.protocol.exec;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An answer given late (a failed login's throttle delay, ADR 0171) without holding a worker: the
 * session's queue is suspended meanwhile, so the commands a client pipelined behind wait for it,
 * and the timer thread gives the answer and lets them run.
 */
public final class DelayedAnswer {

  private DelayedAnswer() {}

  /**
   * Runs {@code answer} (which writes and flushes) after {@code delay}, or now when it is zero.
   * Called on the session's executor.
   */
  public static void after(
      Duration delay, SerialExecutor session, ScheduledExecutorService timers, Runnable answer) {
    if (delay.isZero()) {
      answer.run();
      return;
    }
    session.suspend();
    timers.schedule(
        () -> {
          try {
            answer.run();
          } finally {
            session.resume();
          }
        },
        delay.toMillis(),
        TimeUnit.MILLISECONDS);
  }
}
