package dev.mailvault.server.web;

/**
 * Answers one request of a route. Runs on a web worker thread, never on a Netty event loop, so it
 * may block on the directory, a vault or a backup target (ADR 0258).
 */
@FunctionalInterface
public interface WebHandler {

  /**
   * @throws WebException for an answer with a status and a code (404, 409, ...)
   * @throws Exception anything else becomes a 500 with no detail for the client and a log line
   */
  WebResponse handle(WebRequest request) throws Exception;
}
