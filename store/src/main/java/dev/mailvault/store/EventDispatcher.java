package dev.mailvault.store;

import dev.mailvault.core.access.VaultEvent;
import dev.mailvault.core.access.VaultListener;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one vault's events to its listeners in commit order on a shared executor: at most one
 * delivery run per vault at a time, so order holds without a thread per vault.
 *
 * <p>Events are counted as they are queued and as they are delivered, so that a reader can wait for
 * every event queued before it asked ({@link #awaitDelivered}): a session's next command then hears
 * of every change another session completed before it (RFC 9051 §5.2,
 * docs/adr/0160-changes-visible-at-the-next-command.md).
 */
final class EventDispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);

  private final String vaultId;
  private final Executor executor;
  private final List<VaultListener> listeners = new CopyOnWriteArrayList<>();
  private final Queue<VaultEvent> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private long queued; // guarded by this
  private long delivered; // guarded by this

  EventDispatcher(String vaultId, Executor executor) {
    this.vaultId = vaultId;
    this.executor = executor;
  }

  VaultListener.Registration add(VaultListener listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** Queues committed events; called by the writer right after COMMIT. Never blocks. */
  void enqueue(List<VaultEvent> events) {
    if (events.isEmpty() || listeners.isEmpty()) {
      return;
    }
    synchronized (this) {
      // Counted and queued in one step, so the count names exactly the events ahead of a waiter.
      queued += events.size();
      queue.addAll(events);
    }
    schedule();
  }

  /**
   * Waits until every event queued before this call has been given to every listener, or until
   * {@code timeout} passes (a stuck listener only delays the news, as before). Must not be called
   * from a listener.
   */
  void awaitDelivered(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (this) {
      long target = queued;
      while (delivered < target) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          LOG.debug("vault {}: events still in delivery after {}", vaultId, timeout);
          return;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(this, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void schedule() {
    if (scheduled.compareAndSet(false, true)) {
      try {
        executor.execute(this::drain);
      } catch (RejectedExecutionException e) {
        // The store is shutting down: nobody is left to hear the events.
        synchronized (this) {
          queue.clear();
          delivered = queued;
          notifyAll();
        }
        scheduled.set(false);
      }
    }
  }

  private void drain() {
    try {
      VaultEvent event;
      while ((event = queue.poll()) != null) {
        for (VaultListener listener : listeners) {
          deliver(listener, event);
        }
        synchronized (this) {
          delivered++;
          notifyAll();
        }
      }
    } finally {
      scheduled.set(false);
      if (!queue.isEmpty()) {
        schedule();
      }
    }
  }

  private void deliver(VaultListener listener, VaultEvent event) {
    try {
      listener.onEvent(event);
    } catch (RuntimeException e) {
      // The event names folders only; the exception class says enough without its message.
      LOG.warn(
          "a listener of vault {} failed on {}: {}",
          vaultId,
          event.getClass().getSimpleName(),
          e.getClass().getName());
    }
  }
}
