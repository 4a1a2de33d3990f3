package dev.mailvault.store;

import dev.mailvault.core.access.VaultEvent;
import dev.mailvault.core.access.VaultListener;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one vault's events to its listeners in commit order on a shared executor: at most one
 * delivery run per vault at a time, so order holds without a thread per vault.
 */
final class EventDispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);

  private final String vaultId;
  private final Executor executor;
  private final List<VaultListener> listeners = new CopyOnWriteArrayList<>();
  private final Queue<VaultEvent> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();

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
    queue.addAll(events);
    schedule();
  }

  private void schedule() {
    if (scheduled.compareAndSet(false, true)) {
      try {
        executor.execute(this::drain);
      } catch (RejectedExecutionException e) {
        // The store is shutting down: nobody is left to hear the events.
        queue.clear();
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
