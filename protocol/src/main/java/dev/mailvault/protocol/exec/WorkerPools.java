package dev.mailvault.protocol.exec;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The thread pools a protocol server runs its sessions on (DESIGN §6, ADR 0191): the one place they
 * are made, so every protocol keeps SQLite, Argon2id and the directory off the event loops the same
 * way. Threads are daemons named after the protocol ({@code imap-worker-3}).
 */
public final class WorkerPools {

  private WorkerPools() {}

  /**
   * The pool sessions' commands run on, through each session's {@link SerialExecutor}. Fixed, with
   * a queue: when every worker is busy (long FETCHes, say), commands wait their turn. Running them
   * on the caller instead would block a Netty event loop.
   */
  public static ThreadPoolExecutor commands(String protocol) {
    int size = Math.max(8, Runtime.getRuntime().availableProcessors() * 4);
    ThreadPoolExecutor workers =
        new ThreadPoolExecutor(
            size,
            size,
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            threads(protocol + "-worker"));
    workers.allowCoreThreadTimeOut(true);
    return workers;
  }

  /**
   * ADR 0186: Argon2id gets its own threads, as many as the machine has cores, so a burst of logins
   * cannot hold every worker while logged-in sessions' commands wait. The queue is bounded and the
   * default policy rejects past it: a login that cannot start soon is told so ({@link
   * PooledLogin}).
   */
  public static ThreadPoolExecutor logins(String protocol, LoginPoolSize size) {
    BlockingQueue<Runnable> queue =
        size.queue() == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(size.queue());
    ThreadPoolExecutor logins =
        new ThreadPoolExecutor(
            size.threads(),
            size.threads(),
            60,
            TimeUnit.SECONDS,
            queue,
            threads(protocol + "-login"));
    logins.allowCoreThreadTimeOut(true);
    return logins;
  }

  /** One thread for a protocol's session timers (IDLE keep-alives, delayed answers). */
  public static ScheduledThreadPoolExecutor timers(String protocol) {
    ScheduledThreadPoolExecutor timers =
        new ScheduledThreadPoolExecutor(1, threads(protocol + "-timer"));
    timers.setRemoveOnCancelPolicy(true);
    return timers;
  }

  private static ThreadFactory threads(String name) {
    AtomicInteger count = new AtomicInteger();
    ThreadFactory base = Executors.defaultThreadFactory();
    return runnable -> {
      Thread thread = base.newThread(runnable);
      thread.setName(name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
