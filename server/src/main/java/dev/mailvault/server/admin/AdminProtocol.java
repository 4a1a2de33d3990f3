package dev.mailvault.server.admin;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The admin socket's protocol (ADR 0125): newline-delimited UTF-8 JSON. The client sends one line
 * {@code {"op": NAME, "args": {...}}}; the server answers with any number of {@code {"progress":
 * TEXT}} lines and ends with exactly one {@code {"result": {...}}} or {@code {"error": TEXT,
 * "code": CODE}}, then closes.
 */
final class AdminProtocol {

  static final ObjectMapper JSON = new ObjectMapper();

  /** The longest request line; longer ones are refused unread. */
  static final int MAX_REQUEST = 64 * 1024;

  static final String OP = "op";
  static final String ARGS = "args";
  static final String PROGRESS = "progress";
  static final String RESULT = "result";
  static final String ERROR = "error";
  static final String CODE = "code";

  private AdminProtocol() {}
}
