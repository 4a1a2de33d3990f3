package dev.mailvault.protocol.exec;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one session's tasks one at a time, in order, on a shared worker pool: commands of a
 * connection never overlap, yet no thread is held by an idle connection. A task may suspend the
 * queue ({@link #suspend()}) until something later calls {@link #resume()}, for answers that wait
 * on a timer (a failed login's delay), on another pool (a login's Argon2id, ADR 0186) or on the
 * client (IDLE).
 */
public final class SerialExecutor implements Executor {

  private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);

  private final Executor pool;
  private final Deque<Runnable> tasks = new ArrayDeque<>();
  private boolean running;
  private boolean suspended;

  public SerialExecutor(Executor pool) {
    this.pool = pool;
  }

  @Override
  public void execute(Runnable task) {
    synchronized (this) {
      tasks.add(task);
      if (running || suspended) {
        return;
      }
      running = true;
    }
    pool.execute(this::runTasks);
  }

  /** Called by the running task: the tasks queued after it wait until {@link #resume()}. */
  public synchronized void suspend() {
    suspended = true;
  }

  public void resume() {
    synchronized (this) {
      suspended = false;
      if (running || tasks.isEmpty()) {
        return;
      }
      running = true;
    }
    pool.execute(this::runTasks);
  }

  /**
   * Resumes with {@code first} ahead of every task queued meanwhile: the second half of a command
   * whose first half suspended the queue, so the commands the client pipelined behind it still run
   * after it. Safe while the suspending task is still returning: the queue then takes {@code first}
   * next.
   */
  public void resumeWith(Runnable first) {
    synchronized (this) {
      tasks.addFirst(first);
      suspended = false;
      if (running) {
        return;
      }
      running = true;
    }
    pool.execute(this::runTasks);
  }

  /** Drops the tasks not yet started (STARTTLS discards what the client sent before TLS). */
  public synchronized int clearPending() {
    int dropped = tasks.size();
    tasks.clear();
    return dropped;
  }

  public synchronized int pending() {
    return tasks.size();
  }

  /** Whether a task runs or waits: the session is working, not waiting for the client. */
  public synchronized boolean busy() {
    return running || !tasks.isEmpty();
  }

  private void runTasks() {
    while (true) {
      Runnable task;
      synchronized (this) {
        if (suspended || tasks.isEmpty()) {
          running = false;
          return;
        }
        task = tasks.poll();
      }
      try {
        task.run();
      } catch (RuntimeException e) {
        // A task's own failure must not wedge the connection's queue.
        LOG.error("session task failed: {}", e.getClass().getName(), e);
      }
    }
  }
}
