package dev.mailvault.outbound.webhook;

import dev.mailvault.outbound.RecipientResult.Outcome;

/**
 * How one post ended, classified for the queue (ADR 0245): 2xx delivers; 408, 429 and 5xx, and no
 * answer at all (refused, timed out, TLS failed), are tried again later; any other answer, and a
 * target the server will not post to, is final.
 *
 * @param httpStatus the receiver's status, 0 when it gave none
 * @param errorKind why there was no answer, empty when there was one ({@link
 *     WebhookDelivery#errorKind()})
 * @param outcome what the queue does next
 * @param status the RFC 3463 enhanced status code for the queue and a bounce
 * @param reason a short reason for the bounce's Diagnostic-Code; never a URL
 */
record PostResult(int httpStatus, String errorKind, Outcome outcome, String status, String reason) {

  /** The receiver answered {@code code}. */
  static PostResult answered(int code) {
    if (code >= 200 && code <= 299) {
      return new PostResult(code, "", Outcome.DELIVERED, "2.0.0", "HTTP " + code);
    }
    // RFC 9110 §15.5.9 408 and RFC 6585 §4 429 ask to try again; 5xx is the receiver's trouble.
    if (code == 408 || code == 429 || (code >= 500 && code <= 599)) {
      return new PostResult(code, "", Outcome.TEMPORARY, "4.0.0", "HTTP " + code);
    }
    // RFC 3463: X.1.1 the destination does not exist, X.3.4 too big; redirects are not followed.
    String status = code == 404 || code == 410 ? "5.1.1" : code == 413 ? "5.3.4" : "5.0.0";
    return new PostResult(code, "", Outcome.PERMANENT, status, "HTTP " + code);
  }

  /** No answer, for a reason that may pass. */
  static PostResult unanswered(String errorKind, String status, String reason) {
    return new PostResult(0, errorKind, Outcome.TEMPORARY, status, reason);
  }

  /** Not posted, and never will be. */
  static PostResult refused(String errorKind, String status, String reason) {
    return new PostResult(0, errorKind, Outcome.PERMANENT, status, reason);
  }

  WebhookDelivery.Outcome logOutcome() {
    return switch (outcome) {
      case DELIVERED -> WebhookDelivery.Outcome.DELIVERED;
      case TEMPORARY -> WebhookDelivery.Outcome.RETRY;
      case PERMANENT -> WebhookDelivery.Outcome.FAILED;
    };
  }
}
