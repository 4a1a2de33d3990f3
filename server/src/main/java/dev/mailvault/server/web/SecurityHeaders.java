package dev.mailvault.server.web;

/**
 * Headers every web answer carries (ADR 0259): a strict Content-Security-Policy (no inline script
 * or style, nothing from elsewhere), no framing, no MIME sniffing, no referrer, nothing cached
 * unless the handler says otherwise, and HSTS over HTTPS.
 */
final class SecurityHeaders {

  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private SecurityHeaders() {}

  static void apply(WebResponse response, boolean secure) {
    if (response.header("Content-Security-Policy").isEmpty()) {
      response.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    }
    response.header("X-Content-Type-Options", "nosniff");
    response.header("X-Frame-Options", "DENY");
    // Not no-referrer: under it a browser sends "Origin: null" with every form post, which the
    // CSRF check's origin test must refuse (ADR 0265). same-origin still sends nothing elsewhere.
    response.header("Referrer-Policy", "same-origin");
    if (response.header("Cache-Control").isEmpty()) {
      response.header("Cache-Control", "no-store");
    }
    if (secure) {
      response.header("Strict-Transport-Security", "max-age=31536000");
    }
  }
}
