package dev.mailvault.imap.session;

import dev.mailvault.core.error.MailvaultException;
import dev.mailvault.imap.codec.ImapResponse.Condition;
import dev.mailvault.imap.codec.ResponseCode;

/** A handler's refusal with exactly the answer it wants sent: {@code NO [CODE] text} or BAD. */
public final class ImapFailure extends MailvaultException {

  private static final long serialVersionUID = 1L;

  private final Condition condition;
  private final transient ResponseCode code;

  private ImapFailure(Condition condition, ResponseCode code, String text) {
    super(text);
    this.condition = condition;
    this.code = code;
  }

  public static ImapFailure no(ResponseCode code, String text) {
    return new ImapFailure(Condition.NO, code, text);
  }

  public static ImapFailure bad(String text) {
    return new ImapFailure(Condition.BAD, null, text);
  }

  public Condition condition() {
    return condition;
  }

  public ResponseCode code() {
    return code;
  }
}
