package dev.mailvault.smtp.session;

import dev.mailvault.core.net.ClientNetwork;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed commands per client network within a window (DESIGN §7; an IPv6 client's /64, ADR 0170): a
 * network that spends its budget (dictionary attacks on recipients, garbage, smuggling attempts) is
 * answered 421 4.7.0 and disconnected until its window ends. Thread-safe.
 */
public final class ErrorBudget {

  private record Window(Instant start, int count) {}

  /** Beyond this many tracked addresses, expired windows are swept on the next charge. */
  private static final int SWEEP_ABOVE = 10_000;

  private final int budget;
  private final Duration window;
  private final Clock clock;
  private final Map<ClientNetwork, Window> windows = new ConcurrentHashMap<>();

  public ErrorBudget(int budget, Duration window, Clock clock) {
    this.budget = budget;
    this.window = window;
    this.clock = clock;
  }

  /** Counts one failure; true when the address has now spent its budget. */
  public boolean charge(InetAddress address) {
    Instant now = clock.instant();
    if (windows.size() > SWEEP_ABOVE) {
      windows.values().removeIf(w -> expired(w, now));
    }
    Window after =
        windows.compute(
            ClientNetwork.of(address),
            (key, w) ->
                w == null || expired(w, now)
                    ? new Window(now, 1)
                    : new Window(w.start, w.count + 1));
    return after.count >= budget;
  }

  /** Whether the address has spent its budget and its window has not ended. */
  public boolean exhausted(InetAddress address) {
    Window w = windows.get(ClientNetwork.of(address));
    return w != null && !expired(w, clock.instant()) && w.count >= budget;
  }

  private boolean expired(Window w, Instant now) {
    return !now.isBefore(w.start.plus(window));
  }
}
