package dev.mailvault.server.http;

/**
 * Whether this node can serve. Asked on every {@code GET /healthz} on an event loop, so it must
 * answer from memory (see {@link HealthMonitor}).
 */
@FunctionalInterface
public interface HealthCheck {

  /** Null when healthy, otherwise one line saying what is wrong. */
  String problem();

  /**
   * Null, or one line about something an operator must act on soon though the node still serves (a
   * certificate about to expire): {@code /healthz} answers 200 with status {@code degraded}.
   */
  default String warning() {
    return null;
  }
}
