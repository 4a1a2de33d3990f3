package dev.mailvault.server.http;

/**
 * The text {@code GET /metrics} answers with (ADR 0256). Asked on an event loop, so it must render
 * from memory.
 */
public interface MetricsSource {

  /** The Content-Type of {@link #scrape()}'s text. */
  String contentType();

  /** Every meter, in the Prometheus text format. */
  String scrape();
}
