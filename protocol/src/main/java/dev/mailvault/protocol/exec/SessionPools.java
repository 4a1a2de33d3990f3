package dev.mailvault.protocol.exec;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The thread pools of one protocol server (ADR 0191): commands, and for protocols with logins the
 * login pool (ADR 0186) and the session timers. Closed with the server.
 */
public final class SessionPools implements AutoCloseable {

  private final ExecutorService commands;
  private final ExecutorService logins;
  private final ScheduledExecutorService timers;

  private SessionPools(
      ExecutorService commands, ExecutorService logins, ScheduledExecutorService timers) {
    this.commands = commands;
    this.logins = logins;
    this.timers = timers;
  }

  /** Commands, logins and timers, for a protocol clients log in to (IMAP, POP3). */
  public static SessionPools withLogins(String protocol, LoginPoolSize logins) {
    return new SessionPools(
        WorkerPools.commands(protocol),
        WorkerPools.logins(protocol, logins),
        WorkerPools.timers(protocol));
  }

  /** Commands only, for a protocol without logins (the MX). */
  public static SessionPools commandsOnly(String protocol) {
    return new SessionPools(WorkerPools.commands(protocol), null, null);
  }

  public ExecutorService commands() {
    return commands;
  }

  /** The login pool; only for {@link #withLogins}. */
  public ExecutorService logins() {
    if (logins == null) {
      throw new IllegalStateException("these pools have no login pool");
    }
    return logins;
  }

  /** The timer thread; only for {@link #withLogins}. */
  public ScheduledExecutorService timers() {
    if (timers == null) {
      throw new IllegalStateException("these pools have no timers");
    }
    return timers;
  }

  /** Timers stop at once; queued logins and commands still run, then the threads end. */
  @Override
  public void close() {
    if (timers != null) {
      timers.shutdownNow();
    }
    if (logins != null) {
      logins.shutdown();
    }
    commands.shutdown();
  }
}
