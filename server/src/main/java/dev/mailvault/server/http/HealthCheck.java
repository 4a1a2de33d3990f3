package dev.mailvault.server.http;

/**
 * Whether this node can serve. Asked on every {@code GET /healthz} on an event loop, so it must
 * answer from memory (see {@link HealthMonitor}).
 */
@FunctionalInterface
public interface HealthCheck {

  /** Null when healthy, otherwise one line saying what is wrong. */
  String problem();
}
