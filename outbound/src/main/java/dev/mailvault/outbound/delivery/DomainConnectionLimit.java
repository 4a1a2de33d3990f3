package dev.mailvault.outbound.delivery;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * At most N connections to one destination domain at once (issue 13), so a burst to one large
 * provider neither trips its rate limits nor takes every delivery thread. One semaphore per domain,
 * made on first use and kept (a few bytes each; the set of domains one server mails is small).
 */
final class DomainConnectionLimit {

  private final int permits;
  private final Map<String, Semaphore> slots = new ConcurrentHashMap<>();

  DomainConnectionLimit(int permits) {
    this.permits = permits;
  }

  /** A slot for {@code domain}, or null when none came free within {@code wait}. */
  Slot acquire(String domain, Duration wait) throws InterruptedException {
    Semaphore semaphore =
        slots.computeIfAbsent(domain.toLowerCase(Locale.ROOT), d -> new Semaphore(permits, true));
    if (!semaphore.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
      return null;
    }
    return semaphore::release;
  }

  /** A held connection slot; closing frees it. */
  interface Slot extends AutoCloseable {
    @Override
    void close();
  }
}
