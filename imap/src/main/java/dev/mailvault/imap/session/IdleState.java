package dev.mailvault.imap.session;

import java.util.concurrent.ScheduledFuture;

/**
 * An IDLE in progress (RFC 2177, RFC 9051 §6.3.13): its tag, for the completion after DONE, and the
 * timers that send keep-alives and end it after the longest allowed time.
 */
public record IdleState(String tag, ScheduledFuture<?> keepAlive, ScheduledFuture<?> deadline) {

  public void cancelTimers() {
    keepAlive.cancel(false);
    deadline.cancel(false);
  }
}
