package dev.mailvault.protocol.net;

import dev.mailvault.core.net.ReadPace;
import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The clocks of one connection (ADR 0176): the login deadline and the pace of the command being
 * received. Runs on the connection's event loop only; the actions it fires are the connection's to
 * run on the session's executor.
 */
public final class ConnectionDeadlines {

  /** How often a command past its grace period is judged again. */
  private static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final Channel channel;
  private final Duration login;
  private final ReadPace.Policy policy;
  private final ReadPace pace;
  private final Runnable loginExpired;
  private final Runnable tooSlow;
  private ScheduledFuture<?> loginTimer;
  private ScheduledFuture<?> paceTimer;

  /**
   * @param login from connecting to being authenticated; then {@code loginExpired} runs
   * @param commandPace the least average rate of a command still being sent once its grace period
   *     has passed; slower, {@code tooSlow} runs
   */
  public ConnectionDeadlines(
      Channel channel,
      Duration login,
      ReadPace.Policy commandPace,
      Runnable loginExpired,
      Runnable tooSlow) {
    this.channel = channel;
    this.login = login;
    this.policy = commandPace;
    this.pace = new ReadPace(commandPace);
    this.loginExpired = loginExpired;
    this.tooSlow = tooSlow;
  }

  public void start() {
    loginTimer = channel.eventLoop().schedule(loginExpired, login.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Octets of a command arrived. */
  public void received(int count) {
    pace.received(count, System.nanoTime());
    if (paceTimer == null && policy.enabled()) {
      schedule(policy.grace());
    }
  }

  /** A command was framed in full (or refused as framed). */
  public void commandComplete() {
    pace.finished();
  }

  public void stop() {
    if (loginTimer != null) {
      loginTimer.cancel(false);
    }
    if (paceTimer != null) {
      paceTimer.cancel(false);
    }
  }

  private void schedule(Duration delay) {
    paceTimer = channel.eventLoop().schedule(this::judge, delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  private void judge() {
    paceTimer = null;
    if (!channel.isActive() || !pace.inProgress()) {
      return;
    }
    long now = System.nanoTime();
    if (!channel.config().isAutoRead()) {
      // Back-pressure: the server stopped reading, so the client cannot be blamed for the wait.
      pace.restart(now);
    } else if (pace.tooSlow(now)) {
      tooSlow.run();
      return;
    }
    schedule(Duration.ofNanos(RECHECK_NANOS));
  }
}
