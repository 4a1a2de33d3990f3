package dev.mailvault.server.http;

/** Whether this node can serve: checked on every {@code GET /healthz}, so it must be cheap. */
@FunctionalInterface
public interface HealthCheck {

  /** Null when healthy, otherwise one line saying what is wrong. */
  String problem();
}
