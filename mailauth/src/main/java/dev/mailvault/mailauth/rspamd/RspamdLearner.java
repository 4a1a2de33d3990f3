package dev.mailvault.mailauth.rspamd;

import dev.mailvault.core.spam.SpamLearning;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learning in the background (issue 16): {@link #learn} queues the lesson and returns at once, and
 * one daemon thread sends the lessons to rspamd's controller in order. Best effort: a lesson over
 * either bound, or after {@link #close}, is dropped and counted, never waited for; a failed one is
 * logged (without content) and not retried. The queue lives in memory only: nothing is written to
 * our disk.
 *
 * <p>Concurrency: the queue and its byte count are guarded by {@code this}; the sender takes one
 * lesson under the lock and talks to rspamd outside it, so {@link #learn} never waits on rspamd.
 */
public final class RspamdLearner implements SpamLearning, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RspamdLearner.class);

  private static final long CLOSE_WAIT_MILLIS = 1000;

  private record Pending(Lesson lesson, String user, byte[] message) {}

  private final RspamdClient client;
  private final int maxQueued;
  private final long maxQueuedBytes;
  private final Deque<Pending> queue = new ArrayDeque<>();
  private final Thread sender;
  private final AtomicLong learned = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private long queuedBytes;
  private boolean closed;

  /**
   * @param maxQueued the most lessons waiting
   * @param maxQueuedBytes the most message bytes waiting, together
   */
  public RspamdLearner(RspamdClient client, int maxQueued, long maxQueuedBytes) {
    if (maxQueued < 1 || maxQueuedBytes < 1) {
      throw new IllegalArgumentException("the learning queue's bounds must be positive");
    }
    this.client = client;
    this.maxQueued = maxQueued;
    this.maxQueuedBytes = maxQueuedBytes;
    this.sender = new Thread(this::run, "rspamd-learner");
    sender.setDaemon(true);
    sender.start();
  }

  @Override
  public boolean learn(Lesson lesson, String user, byte[] message) {
    synchronized (this) {
      if (!closed && queue.size() < maxQueued && queuedBytes + message.length <= maxQueuedBytes) {
        queue.addLast(new Pending(lesson, user, message));
        queuedBytes += message.length;
        notifyAll();
        return true;
      }
    }
    dropped.incrementAndGet();
    return false;
  }

  /** Lessons rspamd learned. */
  public long learned() {
    return learned.get();
  }

  /** Lessons rspamd declined (already learned, too few tokens). */
  public long refused() {
    return refused.get();
  }

  /** Lessons that could not be sent: rspamd down, slow, or an error answer. */
  public long failed() {
    return failed.get();
  }

  /** Lessons not queued: over a bound, or after close. */
  public long dropped() {
    return dropped.get();
  }

  /**
   * Stops the sender; lessons still queued are dropped and counted. A lesson on its way is not
   * waited for beyond a second: its blocking exchange ends by itself within the timeout, on a
   * daemon thread, and nothing depends on its outcome.
   */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      dropped.addAndGet(queue.size());
      queue.clear();
      queuedBytes = 0;
      notifyAll();
    }
    sender.interrupt();
    try {
      sender.join(CLOSE_WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    while (true) {
      Pending next;
      synchronized (this) {
        while (!closed && queue.isEmpty()) {
          try {
            wait();
          } catch (InterruptedException e) {
            // close() interrupts after it sets closed: checked by the loop
          }
        }
        if (closed) {
          return;
        }
        next = queue.removeFirst();
        queuedBytes -= next.message().length;
      }
      send(next);
    }
  }

  private void send(Pending pending) {
    try {
      switch (client.learn(pending.lesson(), pending.user(), pending.message())) {
        case LEARNED -> learned.incrementAndGet();
        case REFUSED -> refused.incrementAndGet();
      }
    } catch (RspamdException e) {
      failed.incrementAndGet();
      // The exception's message names the endpoint and the failure, never the message or user.
      LOG.info("rspamd did not learn a {}: {}", pending.lesson(), e.getMessage());
    }
  }
}
