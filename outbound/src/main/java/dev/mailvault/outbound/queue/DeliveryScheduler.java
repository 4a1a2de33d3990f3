package dev.mailvault.outbound.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what runs when (ADR 0202): one dispatcher thread looks at every item, hands each due
 * (item, destination domain) and (item, report) to a pool of {@link QueueSettings#threads()}
 * delivery threads, at most {@link QueueSettings#perDomain()} at once per domain and one at once
 * per job, then naps until the earliest next due time, a finished job, or {@link #wake()}.
 *
 * <p>Concurrency: only the dispatcher starts jobs; the counters are atomic, because jobs end on the
 * pool's threads.
 */
final class DeliveryScheduler implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryScheduler.class);

  /** The dispatcher looks again at least this often, even with nothing due (a clock jump). */
  private static final Duration LONGEST_NAP = Duration.ofSeconds(30);

  /** What the scheduler runs; the queue implements it. */
  interface Attempts {
    void attemptDomain(QueuedItem item, String domain);

    void attemptReport(QueuedItem item, int number);
  }

  private final QueueSettings settings;
  private final Clock clock;
  private final Supplier<Collection<QueuedItem>> items;
  private final Attempts attempts;
  private final Set<String> running = ConcurrentHashMap.newKeySet();
  private final Map<String, AtomicInteger> busyDomains = new ConcurrentHashMap<>();
  private final AtomicInteger active = new AtomicInteger();
  private final ExecutorService pool;
  private final Thread dispatcher;
  private final Object signal = new Object();
  private boolean woken;
  private volatile boolean closed;

  DeliveryScheduler(
      QueueSettings settings,
      Clock clock,
      Supplier<Collection<QueuedItem>> items,
      Attempts attempts) {
    this.settings = settings;
    this.clock = clock;
    this.items = items;
    this.attempts = attempts;
    AtomicInteger threadNumber = new AtomicInteger();
    this.pool =
        Executors.newFixedThreadPool(
            settings.threads(),
            task -> {
              Thread thread = new Thread(task, "outbound-" + threadNumber.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    this.dispatcher = new Thread(this::dispatch, "outbound-dispatcher");
    this.dispatcher.setDaemon(true);
  }

  void start() {
    dispatcher.start();
  }

  /** Looks for due work now. */
  void wake() {
    synchronized (signal) {
      woken = true;
      signal.notifyAll();
    }
  }

  private void dispatch() {
    while (!closed) {
      Instant now = clock.instant();
      Instant next = now.plus(LONGEST_NAP);
      for (QueuedItem item : items.get()) {
        if (active.get() >= settings.threads()) {
          // Nothing more can start; the next attempt to finish wakes this loop to look again.
          break;
        }
        Optional<Instant> due = item.nextDue();
        if (due.isEmpty() || item.removed()) {
          continue;
        }
        if (due.get().isAfter(now)) {
          if (due.get().isBefore(next)) {
            next = due.get();
          }
          continue;
        }
        for (String domain : item.dueDomains(now)) {
          start(item.id, " ", domain, domain, () -> attempts.attemptDomain(item, domain));
        }
        for (int number : item.dueReports(now)) {
          start(
              item.id,
              " report ",
              String.valueOf(number),
              QueuedItem.domain(item.message.mailFrom()),
              () -> attempts.attemptReport(item, number));
        }
      }
      nap(Duration.between(now, next));
    }
  }

  private void nap(Duration wait) {
    synchronized (signal) {
      if (!woken && !closed) {
        try {
          signal.wait(Math.max(1, Math.min(wait.toMillis(), LONGEST_NAP.toMillis())));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          closed = true;
        }
      }
      woken = false;
    }
  }

  /**
   * Starts a job (named by the item id, a separator and its part) unless it runs already, or its
   * domain or the pool is full. The checks that need no allocation come first: with a backlog to
   * one busy domain, most items are turned away here on every look.
   */
  private void start(String id, String separator, String part, String domain, Runnable work) {
    if (active.get() >= settings.threads()) {
      return;
    }
    AtomicInteger busy = busyDomains.computeIfAbsent(domain, d -> new AtomicInteger());
    if (busy.get() >= settings.perDomain()) {
      return;
    }
    String job = id + separator + part;
    if (running.contains(job)) {
      return;
    }
    if (busy.incrementAndGet() > settings.perDomain()) {
      busy.decrementAndGet();
      return;
    }
    running.add(job);
    active.incrementAndGet();
    try {
      pool.execute(
          () -> {
            try {
              work.run();
            } catch (RuntimeException e) {
              // The id only (the job's name also holds the domain): no addresses in logs.
              LOG.error(
                  "outbound queue: attempt {} failed: {}",
                  job.split(" ")[0],
                  e.getClass().getSimpleName());
            } finally {
              finished(job, busy);
            }
          });
    } catch (RejectedExecutionException shuttingDown) {
      finished(job, busy);
    }
  }

  private void finished(String job, AtomicInteger busy) {
    running.remove(job);
    busy.decrementAndGet();
    active.decrementAndGet();
    wake();
  }

  /** Stops the dispatcher and lets running attempts finish (a few seconds at most). */
  @Override
  public void close() {
    closed = true;
    wake();
    pool.shutdown();
    try {
      dispatcher.join(TimeUnit.SECONDS.toMillis(5));
      if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
        pool.shutdownNow();
        pool.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
