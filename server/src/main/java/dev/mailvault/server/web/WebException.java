package dev.mailvault.server.web;

/**
 * A request that ends in an error answer: an HTTP status, a stable machine-readable code (for the
 * API's JSON and the OpenAPI document) and a message a person can read. The message is shown to the
 * client, so it never carries a secret.
 */
public class WebException extends Exception {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  public WebException(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  public WebException(int status, String code, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.code = code;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  /** How long a client is asked to wait after {@link #unavailable()}. */
  public static final int RETRY_AFTER_SECONDS = 5;

  /**
   * 503: the storage this node reaches over the cluster is away for now (a primary failing over);
   * the request may be tried again (ADR 0286).
   */
  public static WebException unavailable() {
    return new WebException(
        503, "unavailable", "the mail storage is not reachable just now; try again shortly");
  }

  public static WebException badRequest(String message) {
    return new WebException(400, "bad_request", message);
  }

  public static WebException notFound(String message) {
    return new WebException(404, "not_found", message);
  }

  public static WebException forbidden(String message) {
    return new WebException(403, "forbidden", message);
  }
}
