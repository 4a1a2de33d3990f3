package dev.mailvault.smtp.session;

import dev.mailvault.core.auth.LoginThrottle;
import dev.mailvault.core.outbound.Outbox;
import dev.mailvault.directory.Directory;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every submission session shares besides what the MX has too (RFC 6409): the logins, who may
 * send as whom, the hourly count and the outbox that takes accepted mail. Built once by the server.
 */
public final class SubmissionServices {

  private final Directory directory;
  private final Outbox outbox;
  private final LoginThrottle throttle;
  private final Executor logins;
  private final ScheduledExecutorService timers;
  private final SubmissionLimits limits;
  private final SenderPolicy senders;
  private final HourlyRate rate;

  /**
   * @param directory unlocks aliases and says who may send as whom
   * @param outbox takes every accepted message, local recipients included (ADR 0200)
   * @param throttle the node's failed-login policy, shared with IMAP and POP3 (ADR 0171)
   * @param logins the pool a login's Argon2id runs on (ADR 0186)
   * @param timers delayed answers of failed logins
   */
  public SubmissionServices(
      Directory directory,
      Outbox outbox,
      LoginThrottle throttle,
      Executor logins,
      ScheduledExecutorService timers,
      SubmissionLimits limits,
      Clock clock) {
    this.directory = directory;
    this.outbox = outbox;
    this.throttle = throttle;
    this.logins = logins;
    this.timers = timers;
    this.limits = limits;
    this.senders = new SenderPolicy(directory);
    this.rate =
        limits.sharedCount()
            ? new SharedSubmissionRate(
                directory.loginThrottleState(), limits.messagesPerHour(), clock)
            : new SubmissionRate(limits.messagesPerHour(), clock);
  }

  Directory directory() {
    return directory;
  }

  Outbox outbox() {
    return outbox;
  }

  LoginThrottle throttle() {
    return throttle;
  }

  Executor logins() {
    return logins;
  }

  ScheduledExecutorService timers() {
    return timers;
  }

  SubmissionLimits limits() {
    return limits;
  }

  SenderPolicy senders() {
    return senders;
  }

  HourlyRate rate() {
    return rate;
  }
}
