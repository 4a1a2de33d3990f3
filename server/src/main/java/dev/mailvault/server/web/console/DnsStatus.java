package dev.mailvault.server.web.console;

import dev.mailvault.server.dns.RecordCheck;
import dev.mailvault.server.dns.RequiredRecord;
import dev.mailvault.server.dns.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the live DNS checks of the domains page ({@link RecordCheck}, what {@code domain dns
 * --check} does) a few at a time, so a page of a dozen records over a slow resolver is answered
 * within {@link #DEADLINE} instead of a dozen ten-second timeouts one after another. A record not
 * judged by then is shown as unknown. The threads exist only while checks run.
 */
final class DnsStatus {

  /** Well under the 30 seconds a browser's connection waits for its answer (ADR 0258). */
  static final Duration DEADLINE = Duration.ofSeconds(20);

  private static final int THREADS = 4;

  private final ExecutorService pool;

  DnsStatus() {
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            THREADS,
            THREADS,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "console-dns-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    executor.allowCoreThreadTimeOut(true);
    this.pool = executor;
  }

  /** Starts checking every record; the answers are taken with {@link #collect}. */
  List<CompletableFuture<Verdict>> start(RecordCheck checker, List<RequiredRecord> records) {
    List<CompletableFuture<Verdict>> pending = new ArrayList<>();
    for (RequiredRecord record : records) {
      pending.add(CompletableFuture.supplyAsync(() -> checker.check(record), pool));
    }
    return pending;
  }

  /** The time by which every check started now must have answered. */
  static long deadline() {
    return System.nanoTime() + DEADLINE.toNanos();
  }

  /** A verdict per check, in order; those without an answer by {@code deadline} are unknown. */
  static List<Verdict> collect(List<CompletableFuture<Verdict>> pending, long deadline) {
    List<Verdict> verdicts = new ArrayList<>();
    for (CompletableFuture<Verdict> future : pending) {
      try {
        long left = Math.max(0, deadline - System.nanoTime());
        verdicts.add(future.get(left, TimeUnit.NANOSECONDS));
      } catch (TimeoutException e) {
        future.cancel(true);
        verdicts.add(Verdict.unknown("no answer in time"));
      } catch (ExecutionException e) {
        verdicts.add(Verdict.unknown("the check failed"));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        verdicts.add(Verdict.unknown("interrupted"));
      }
    }
    return verdicts;
  }
}
