package dev.mailvault.outbound.delivery;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * SMTP sessions kept open for a short while after a transaction, so the next queued message to the
 * same destination goes over the same connection (ADR 0231), as Postfix's connection cache does: no
 * new TCP and TLS handshake, greeting and EHLO per message. A session waits at most {@code
 * idleLimit} and serves for at most {@link #MAX_AGE} in all; a domain keeps at most {@code
 * perDomain} idle sessions, its connection bound. Expired sessions are closed by a sweep (QUIT,
 * then close), and a session is probed with RSET before it is used again.
 */
final class IdleConnections implements AutoCloseable {

  /** Postfix's {@code smtp_connection_reuse_time_limit}: a session is not reused past this age. */
  static final Duration MAX_AGE = Duration.ofSeconds(300);

  private final long idleNanos;
  private final int perDomain;
  private final LongSupplier nanoTime;
  private final Consumer<SmtpSession> closer;
  private final Map<String, Deque<Parked>> byDomain = new HashMap<>();
  private ScheduledExecutorService sweeper;
  private boolean closed;

  private record Parked(SmtpSession session, long sinceNanos) {}

  /**
   * @param idleLimit how long a session waits for another message; zero keeps none
   * @param perDomain at most this many idle sessions per destination domain
   * @param nanoTime the monotonic clock ages are measured on
   * @param closer ends a session that is not reused (QUIT and close)
   */
  IdleConnections(
      Duration idleLimit, int perDomain, LongSupplier nanoTime, Consumer<SmtpSession> closer) {
    this.idleNanos = idleLimit.toNanos();
    this.perDomain = perDomain;
    this.nanoTime = nanoTime;
    this.closer = closer;
  }

  /** The most recently parked live session to {@code domain} that fits the attempt, if any. */
  Optional<SmtpSession> take(String domain, InetAddress address, TlsRequirement requirement) {
    List<SmtpSession> expired = new ArrayList<>();
    Optional<SmtpSession> found = Optional.empty();
    synchronized (this) {
      Deque<Parked> parked = byDomain.get(domain);
      if (parked != null) {
        long now = nanoTime.getAsLong();
        for (Iterator<Parked> it = parked.descendingIterator(); it.hasNext(); ) {
          Parked p = it.next();
          if (expired(p, now)) {
            it.remove();
            expired.add(p.session());
          } else if (found.isEmpty() && p.session().serves(address, requirement)) {
            it.remove();
            found = Optional.of(p.session());
          }
        }
        if (parked.isEmpty()) {
          byDomain.remove(domain);
        }
      }
    }
    expired.forEach(closer);
    return found;
  }

  /**
   * Keeps {@code session} for the next message to {@code domain}.
   *
   * @return false when it is not kept (too old, the domain has enough idle sessions, reuse is off,
   *     or this cache is closed): the caller ends it
   */
  boolean park(String domain, SmtpSession session) {
    long now = nanoTime.getAsLong();
    if (idleNanos <= 0 || now - session.openedNanos() >= MAX_AGE.toNanos()) {
      return false;
    }
    synchronized (this) {
      if (closed) {
        return false;
      }
      Deque<Parked> parked = byDomain.computeIfAbsent(domain, d -> new ArrayDeque<>());
      if (parked.size() >= perDomain) {
        return false;
      }
      parked.addLast(new Parked(session, now));
      startSweeper();
    }
    return true;
  }

  /** How many sessions wait now, over all domains. */
  synchronized int size() {
    return byDomain.values().stream().mapToInt(Deque::size).sum();
  }

  /** Ends every session that has waited too long or grown too old. */
  void sweep() {
    List<SmtpSession> expired = new ArrayList<>();
    synchronized (this) {
      long now = nanoTime.getAsLong();
      for (Iterator<Deque<Parked>> domains = byDomain.values().iterator(); domains.hasNext(); ) {
        Deque<Parked> parked = domains.next();
        parked.removeIf(
            p -> {
              boolean old = expired(p, now);
              if (old) {
                expired.add(p.session());
              }
              return old;
            });
        if (parked.isEmpty()) {
          domains.remove();
        }
      }
    }
    expired.forEach(closer);
  }

  private boolean expired(Parked parked, long now) {
    return now - parked.sinceNanos() >= idleNanos
        || now - parked.session().openedNanos() >= MAX_AGE.toNanos();
  }

  /** Called under this monitor: one daemon thread sweeps while sessions may be parked. */
  private void startSweeper() {
    if (sweeper != null) {
      return;
    }
    sweeper =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "smtp-idle-sweeper");
              thread.setDaemon(true);
              return thread;
            });
    long period = Math.max(TimeUnit.MILLISECONDS.toNanos(100), idleNanos / 2);
    sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.NANOSECONDS);
  }

  /** Ends every waiting session and keeps no more. */
  @Override
  public void close() {
    List<SmtpSession> all = new ArrayList<>();
    synchronized (this) {
      closed = true;
      byDomain.values().forEach(parked -> parked.forEach(p -> all.add(p.session())));
      byDomain.clear();
      if (sweeper != null) {
        sweeper.shutdownNow();
      }
    }
    all.forEach(closer);
  }
}
