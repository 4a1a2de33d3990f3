package dev.mailvault.imap.codec;

/**
 * A status or continuation response (RFC 9051 §7.1, §7.5); data responses use {@link
 * ResponseWriter}.
 */
public sealed interface ImapResponse {

  /** The status conditions (RFC 9051 §7.1). PREAUTH and BYE are untagged only. */
  enum Condition {
    OK,
    NO,
    BAD,
    PREAUTH,
    BYE
  }

  /**
   * {@code tag OK [CODE] text}, or {@code * ...} when {@code tag} is {@code null}.
   *
   * @param code a response code, or {@code null}
   */
  record Status(String tag, Condition condition, ResponseCode code, String text)
      implements ImapResponse {
    public Status {
      if (text == null || text.isBlank()) {
        // RFC 3501 §9 resp-text needs text; rev1 clients rely on it.
        throw new IllegalArgumentException("a status response needs text");
      }
      if (tag != null && (condition == Condition.PREAUTH || condition == Condition.BYE)) {
        throw new IllegalArgumentException(condition + " is untagged only");
      }
    }

    public static Status tagged(String tag, Condition condition, String text) {
      return new Status(tag, condition, null, text);
    }

    public static Status untagged(Condition condition, ResponseCode code, String text) {
      return new Status(null, condition, code, text);
    }
  }

  /** {@code + text} (RFC 9051 §7.5): ready for a literal, or a SASL challenge. */
  record Continuation(String text) implements ImapResponse {}
}
